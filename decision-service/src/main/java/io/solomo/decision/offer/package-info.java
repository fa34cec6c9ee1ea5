/** The offer engine: catalogue, active rule base, decisions and their log. */
package io.solomo.decision.offer;
