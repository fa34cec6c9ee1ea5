package io.solomo.rules;

import io.solomo.model.offer.OfferCandidate;
import io.solomo.model.offer.RejectedCandidate;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Records, for one session, the candidates and rejections that rules insert and the names of the rules that fire, in
 * the order they happen. Reading the session's objects afterwards would lose that order.
 */
final class OutcomeCollector extends DefaultAgendaEventListener implements RuleRuntimeEventListener {

    private final List<OfferCandidate> candidates = new ArrayList<>();
    private final List<RejectedCandidate> rejections = new ArrayList<>();
    private final List<String> firedRules = new ArrayList<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        firedRules.add(event.getMatch().getRule().getName());
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        Object fact = event.getObject();
        if (fact instanceof OfferCandidate candidate) {
            candidates.add(candidate);
        } else if (fact instanceof RejectedCandidate rejection) {
            rejections.add(rejection);
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        // Candidates are immutable, so an update changes nothing that is recorded here.
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        Object fact = event.getOldObject();
        // OfferCandidate and RejectedCandidate do not override equals, so remove() matches the very instance.
        if (fact instanceof OfferCandidate candidate) {
            candidates.remove(candidate);
        } else if (fact instanceof RejectedCandidate rejection) {
            rejections.remove(rejection);
        }
    }

    int firedCount() {
        return firedRules.size();
    }

    String lastFiredRule() {
        return firedRules.isEmpty() ? null : firedRules.get(firedRules.size() - 1);
    }

    RuleOutcome outcome() {
        return new RuleOutcome(candidates, rejections, firedRules);
    }
}
