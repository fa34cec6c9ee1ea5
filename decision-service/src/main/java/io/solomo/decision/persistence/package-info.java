/** What the entities of every feature share. */
package io.solomo.decision.persistence;
