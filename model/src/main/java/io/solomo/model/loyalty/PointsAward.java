package io.solomo.model.loyalty;

import java.util.Objects;

/** Points a loyalty rule awards for an action, with the rule's name as the reason shown in the ledger. */
public final class PointsAward {

    private final int points;
    private final String ruleName;

    public PointsAward(int points, String ruleName) {
        if (points <= 0) {
            throw new IllegalArgumentException("points must be positive, got " + points + " from rule '"
                    + ruleName + "'");
        }
        this.points = points;
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
    }

    public int getPoints() {
        return points;
    }

    public String getRuleName() {
        return ruleName;
    }

    @Override
    public String toString() {
        return "PointsAward[" + points + " by '" + ruleName + "']";
    }
}
