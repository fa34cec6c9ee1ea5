/**
 * Facts, events and ports that the rules, the Camel routes and the decision service share.
 *
 * <p>Plain Java only: no Spring, Hibernate, Camel or Drools type may appear here, so that every module can depend on
 * this one and the rules can be tested on their own.
 */
package io.solomo.model;
