package io.solomo.decision.ruleset;

import io.solomo.decision.web.RejectUnknownFields;
import io.solomo.decision.web.WholeNumberDeserializer;
import io.solomo.rules.Finding;
import io.solomo.rules.FindingText;
import io.solomo.rules.ScenarioResult;
import io.solomo.rules.ValidationReport;
import tools.jackson.databind.annotation.JsonDeserialize;

import java.util.ArrayList;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the rule set API. */
final class RuleSetViews {

    private RuleSetViews() {
    }

    /** The answer to an upload, also stored with the version as its report. */
    record UploadReport(String rulesetId, int version, VersionStatus status, List<FindingView> errors,
                        List<FindingView> warnings, Scenarios scenarios) {

        /** @param moreWarnings warnings found outside the validator, such as offers missing from the catalogue */
        static UploadReport of(String rulesetId, int version, ValidationReport report, List<FindingView> moreWarnings) {
            List<ScenarioView> failures = report.scenarios().stream().filter(result -> !result.passed())
                    .map(ScenarioView::of).toList();
            List<FindingView> warnings = new ArrayList<>(report.warnings().stream().map(FindingView::of).toList());
            warnings.addAll(moreWarnings);
            return new UploadReport(rulesetId, version, report.valid() ? VersionStatus.VALID : VersionStatus.INVALID,
                    report.errors().stream().map(FindingView::of).toList(), List.copyOf(warnings),
                    new Scenarios(report.scenariosPassed(), report.scenariosFailed(), failures));
        }
    }

    /**
     * A finding: {@code cell} is a cell such as D12 in a workbook, or a line in a DRL file. A report stored before
     * findings were worded in French reads back with the English {@code message} as {@code messageFr}.
     *
     * @param message   what is wrong and what to do, in English
     * @param messageFr the same in French
     */
    record FindingView(String file, String sheet, String cell, String message, String messageFr) {

        FindingView {
            messageFr = messageFr == null ? message : messageFr;
        }

        static FindingView of(Finding finding) {
            return new FindingView(finding.file(), finding.sheet(), finding.cell(), finding.message(),
                    finding.messageFr());
        }

        static FindingView of(String file, String sheet, String cell, FindingText text) {
            return new FindingView(file, sheet, cell, text.english(), text.french());
        }
    }

    /** Counts of scenarios, and each failing one with what it expected and got. */
    record Scenarios(long passed, long failed, List<ScenarioView> failures) {
    }

    /**
     * A failing scenario. A report stored before failures were worded in French reads back with the English
     * {@code failure} as {@code failureFr}.
     *
     * @param failure   why the rules could not run, in English, or null when they ran and proposed other offers
     * @param failureFr the same in French
     */
    record ScenarioView(String file, String sheet, String cell, String scenario, List<String> expectedOffers,
                        List<String> actualOffers, List<String> firedRules, String failure, String failureFr) {

        ScenarioView {
            failureFr = failureFr == null ? failure : failureFr;
        }

        static ScenarioView of(ScenarioResult result) {
            FindingText failure = result.failure();
            return new ScenarioView(result.file(), result.sheet(), result.cell(), result.name(), result.expected(),
                    result.actual(), result.firedRules(), failure == null ? null : failure.english(),
                    failure == null ? null : failure.french());
        }
    }

    /** A rule set in the list: its active version, the one active before it (for a rollback) and its newest. */
    record RuleSetSummary(String rulesetId, Integer activeVersion, Integer previousVersion, int lastVersion) {
    }

    record RuleSetDetail(String rulesetId, Integer activeVersion, Integer previousVersion,
                         List<VersionSummary> versions, List<AuditEntry> history) {
    }

    record VersionSummary(int version, VersionStatus status, int ruleCount, String uploadedBy, Instant uploadedAt,
                          boolean active) {
    }

    record AuditEntry(int version, String action, String actor, Instant at, String detail) {
    }

    record VersionDetail(UploadReport report, int ruleCount, String uploadedBy, Instant uploadedAt,
                         List<String> files) {
    }

    record Activation(String rulesetId, int activeVersion, Integer previousVersion, int ruleCount) {
    }

    /** The body of a rollback: the version to return to, or none for the version active before the current one. */
    @RejectUnknownFields
    record RollbackRequest(@JsonDeserialize(using = WholeNumberDeserializer.class) Integer version) {
    }
}
