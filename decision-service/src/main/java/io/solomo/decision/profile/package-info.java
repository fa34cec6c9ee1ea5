/** Customer profiles: identities, channel preferences and consents, and the facts the offer rules read from them. */
package io.solomo.decision.profile;
