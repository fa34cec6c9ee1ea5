package io.solomo.decision.offer;

import io.solomo.rules.OfferRuleBase;
import io.solomo.rules.OfferRuleCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The offer rule base that decisions use now. It starts with the rules bundled in the {@code rules} module; a
 * request reads the reference once, so a swap never gives it half of a rule base.
 */
@Component
public class ActiveOfferRules {

    private static final Logger log = LoggerFactory.getLogger(ActiveOfferRules.class);

    private final AtomicReference<OfferRuleBase> current;

    ActiveOfferRules() {
        OfferRuleBase bundled = new OfferRuleCompiler().compile("bundled", OfferRuleCompiler.bundledFiles());
        log.info("Offer rules {} loaded with {} rules", bundled.version(), bundled.ruleCount());
        this.current = new AtomicReference<>(bundled);
    }

    /** Returns the rule base to use for one whole decision; read it once per decision. */
    public OfferRuleBase current() {
        return current.get();
    }

    /**
     * Replaces the rule base in one step. Decisions that already read {@link #current()} finish with the rule base they
     * read, which stays in memory until the last of them lets go of it.
     */
    public void activate(OfferRuleBase rules) {
        OfferRuleBase previous = current.getAndSet(Objects.requireNonNull(rules, "rules"));
        log.info("Offer rules {} active with {} rules, replacing {}", rules.version(), rules.ruleCount(),
                previous.version());
    }
}
