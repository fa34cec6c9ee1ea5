/** Base classes shared by the entities of every feature. */
package io.solomo.decision.persistence;
