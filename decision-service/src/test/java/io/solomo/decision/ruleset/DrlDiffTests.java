package io.solomo.decision.ruleset;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DrlDiffTests {

    private static final String BEFORE = "rule \"a\"\nwhen\nthen\n\tinsert(1);\nend\n";
    private static final String AFTER = "rule \"a\"\nwhen\nthen\n\tinsert(2);\nend\n";

    @Test
    void uploadWithoutFolderIsComparedWithBundledFile() {
        String diff = DrlDiff.of("v1", Map.of("solomo/offers/offers.drl.xlsx", BEFORE),
                "v2", Map.of("offers.drl.xlsx", AFTER));

        assertThat(diff).startsWith("--- v1/solomo/offers/offers.drl.xlsx\n+++ v2/offers.drl.xlsx\n");
        assertThat(diff).contains("-\tinsert(1);\n+\tinsert(2);\n");
        assertThat(diff).doesNotContain("-rule \"a\"");
    }

    @Test
    void sameNameInTwoFoldersIsNotPaired() {
        String diff = DrlDiff.of("v1", Map.of("a/offers.drl", BEFORE, "b/offers.drl", BEFORE),
                "v2", Map.of("offers.drl", AFTER, "a/offers.drl", BEFORE, "c/offers.drl", BEFORE));

        assertThat(diff).contains("--- v1/b/offers.drl\n+++ v2/b/offers.drl\n");
        assertThat(diff).contains("--- v1/offers.drl\n+++ v2/offers.drl\n");
        assertThat(diff).contains("--- v1/c/offers.drl\n+++ v2/c/offers.drl\n");
    }

    @Test
    void removedLinesComeBeforeAddedOnes() {
        String diff = DrlDiff.of("v1", Map.of("r.drl", BEFORE), "v2", Map.of("r.drl", AFTER));

        assertThat(diff).contains("@@ -1,5 +1,5 @@\n rule \"a\"\n when\n then\n-\tinsert(1);\n+\tinsert(2);\n end\n");
    }
}
