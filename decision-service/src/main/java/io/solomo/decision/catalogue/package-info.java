/** The product catalogue: products with French and English names, and complement links between them. */
package io.solomo.decision.catalogue;
