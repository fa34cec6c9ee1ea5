package io.solomo.rules;

import io.solomo.model.LoyaltyTier;
import io.solomo.rules.RuleCompilationException.Problem;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.model.KieBaseModel;
import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.builder.model.KieSessionModel.KieSessionType;
import org.kie.api.runtime.KieContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.solomo.rules.OfferRulesFixtures.APP_VOUCHER;
import static io.solomo.rules.OfferRulesFixtures.BUNDLED_RULES;
import static io.solomo.rules.OfferRulesFixtures.CONSENT;
import static io.solomo.rules.OfferRulesFixtures.MORNING_COFFEE;
import static io.solomo.rules.OfferRulesFixtures.WEEKEND_FLOWERS;
import static io.solomo.rules.OfferRulesFixtures.WELCOME;
import static io.solomo.rules.OfferRulesFixtures.WORKBOOK;
import static io.solomo.rules.OfferRulesFixtures.atStore;
import static io.solomo.rules.OfferRulesFixtures.bundledFilesWithCell;
import static io.solomo.rules.OfferRulesFixtures.candidate;
import static io.solomo.rules.OfferRulesFixtures.customer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Compiling rule files at runtime, and every way a rule set is rejected. */
class OfferRuleCompilerTests {

    private final OfferRuleCompiler compiler = new OfferRuleCompiler();

    @Test
    void bundledFilesCompileIntoTableAndDrlRules() {
        var files = OfferRuleCompiler.bundledFiles();

        OfferRuleBase rules = compiler.compile("2026-12-04", files);

        assertThat(rules.version()).isEqualTo("2026-12-04");
        assertThat(rules.ruleCount()).isEqualTo(9);
        assertThat(rules.ruleNames())
                .containsExactlyInAnyOrder(WELCOME, MORNING_COFFEE, WEEKEND_FLOWERS, APP_VOUCHER, CONSENT,
                        "Offers are made when a customer enters a store, not while dwelling or on leaving",
                        "No offer is pushed for a store that is closed",
                        "Thank the regular of a store with a dedicated offer",
                        "Recognise an active advocate with a thank-you offer")
                .isSorted();
    }

    @Test
    void bundledFilesMatchRuleFolder() throws IOException {
        Path folder = Path.of("src/main/resources");

        List<String> filesInFolder;
        try (Stream<Path> paths = Files.walk(folder.resolve("solomo/offers"))) {
            filesInFolder = paths.filter(Files::isRegularFile)
                    .map(path -> folder.relativize(path).toString().replace('\\', '/'))
                    .toList();
        }

        assertThat(OfferRuleCompiler.bundledFiles().keySet()).containsExactlyInAnyOrderElementsOf(filesInFolder);
    }

    @Test
    void classpathKmoduleMatchesCompiledModule() {
        KieContainer container = KieServices.Factory.get().newKieClasspathContainer(getClass().getClassLoader());

        try {
            KieBaseModel base = container.getKieBaseModel(OfferRuleCompiler.KIE_BASE_NAME);
            KieSessionModel session = container.getKieSessionModel(OfferRuleCompiler.SESSION_NAME);
            assertThat(base.getPackages()).containsExactly(OfferRuleCompiler.RULE_PACKAGE);
            assertThat(base.isDefault()).isTrue();
            assertThat(session.getType()).isEqualTo(KieSessionType.STATELESS);
            assertThat(session.getKieBaseModel().getName()).isEqualTo(OfferRuleCompiler.KIE_BASE_NAME);
            assertThat(OfferRuleCompiler.ruleCount(container.getKieBase(OfferRuleCompiler.KIE_BASE_NAME)))
                    .isEqualTo(BUNDLED_RULES.ruleCount());
        } finally {
            container.dispose();
        }
    }

    @Test
    void misnamedWorkbookGetsRenameHint() {
        var files = Map.of("solomo/offers/offers.xlsx", OfferRuleCompiler.bundledFiles().get(WORKBOOK));

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v2", files));

        assertThat(failure.version()).isEqualTo("v2");
        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("solomo/offers/offers.xlsx");
            assertThat(problem.message()).contains("would skip this file");
            assertThat(problem.message()).endsWith("rename it to solomo/offers/offers.drl.xlsx");
        });
        assertThat(failure).hasMessageContaining("solomo/offers/offers.xlsx");
    }

    @Test
    void drlSyntaxErrorNamesFileAndLine() {
        var files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/broken.drl", """
                package solomo.offers;

                import io.solomo.model.offer.ContactContext;

                rule "A rule with an unfinished condition"
                when
                    ContactContext( hour >= )
                then
                end
                """.getBytes(StandardCharsets.UTF_8));

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v3", files));

        assertThat(failure.problems()).isNotEmpty();
        Problem first = failure.problems().get(0);
        assertThat(first.file()).isEqualTo("solomo/offers/broken.drl");
        assertThat(first.line()).isEqualTo(7);
        assertThat(first.message()).contains("Line 7:28 no viable alternative at input ')'");
        assertThat(failure).hasMessageContaining("solomo/offers/broken.drl, line 7: ");
    }

    @Test
    void filesWithoutAnyRuleAreRejected() {
        var files = Map.of("solomo/offers/empty.drl", "package solomo.offers;\n".getBytes(StandardCharsets.UTF_8));

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v4", files));

        assertThat(failure.problems()).extracting(Problem::file).containsExactly("solomo/offers/empty.drl", null);
        assertThat(failure.problems().get(0).message()).startsWith("adds no rule to package solomo.offers");
        assertThat(failure.problems().get(1).message()).startsWith("the rule set has no rule in package solomo.offers");
    }

    @Test
    void emptyFileMapIsRejected() {
        Map<String, byte[]> files = Map.of();

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v5", files));

        assertThat(failure.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).startsWith("no rule files given"));
    }

    @Test
    void drlOfAnotherPackageIsRejected() {
        var files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/elsewhere.drl", """
                package solomo.promotions;

                import io.solomo.model.offer.ContactContext;

                rule "A rule Drools would leave out of the offers base"
                when
                    ContactContext()
                then
                end
                """.getBytes(StandardCharsets.UTF_8));

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v6", files));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("solomo/offers/elsewhere.drl");
            assertThat(problem.message()).contains("'package solomo.offers;'");
        });
    }

    @Test
    void workbookWithWrongRuleSetIsRejected() {
        var files = bundledFilesWithCell("C8", "solomo.offer");

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v7", files));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(WORKBOOK);
            assertThat(problem.message()).contains("'RuleSet' reads solomo.offers");
        });
    }

    @Test
    void csvTableWithoutRuleSetIsRejected() {
        var files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/late-night.drl.csv", String.join("\n",
                "Import,io.solomo.model.offer.ContactContext",
                "",
                "RuleTable Late night",
                "NAME,CONDITION",
                ",$context : ContactContext",
                ",hour >= $param",
                "Rule,From hour",
                "Greet a customer late at night,22",
                "").getBytes(StandardCharsets.UTF_8));

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v14", files));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("solomo/offers/late-night.drl.csv");
            assertThat(problem.message()).startsWith("adds no rule to package solomo.offers");
        });
    }

    @Test
    void csvTableWithRuleSetAddsItsRules() {
        var files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put("solomo/offers/late-night.drl.csv", String.join("\n",
                "RuleSet,solomo.offers",
                "Import,io.solomo.model.offer.ContactContext",
                "",
                "RuleTable Late night",
                "NAME,CONDITION",
                ",$context : ContactContext",
                ",hour >= $param",
                "Rule,From hour",
                "Greet a customer late at night,22",
                "").getBytes(StandardCharsets.UTF_8));

        OfferRuleBase rules = compiler.compile("v15", files);

        assertThat(rules.ruleNames()).contains("Greet a customer late at night");
        assertThat(rules.ruleCount()).isEqualTo(10);
    }

    @Test
    void unknownTierNamesRowAndRule() {
        var files = bundledFilesWithCell("C17", "GOLDEN, PLATINUM");

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v8", files));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(WORKBOOK);
            assertThat(problem.line()).isEqualTo(17);
            assertThat(problem.message()).startsWith("rule '" + MORNING_COFFEE + "': ");
            assertThat(problem.message()).contains("LoyaltyTier.GOLDEN");
        });
        assertThat(failure).hasMessageContaining(WORKBOOK + ", row 17: ");
    }

    @Test
    void unknownTierQuotesDroolsInFrench() {
        var files = bundledFilesWithCell("C17", "GOLDEN, PLATINUM");

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v8", files));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.text().code()).isEqualTo("drools.rule-error");
            assertThat(problem.text().french()).startsWith("la règle « " + MORNING_COFFEE + " » ne compile pas ; "
                    + "Drools indique en anglais : « ").contains("LoyaltyTier.GOLDEN").endsWith(" »");
        });
    }

    @Test
    void duplicateRuleNameInWorkbookIsRejected() {
        var files = bundledFilesWithCell("B17", WELCOME);

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v9", files));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(WORKBOOK);
            assertThat(problem.line()).isEqualTo(17);
            assertThat(problem.message()).contains("Duplicate rule name");
        });
    }

    @Test
    void unreadableWorkbookIsRejected() {
        byte[] noise = new byte[512];
        new Random(7).nextBytes(noise);
        var files = Map.of(WORKBOOK, noise);

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v10", files));

        assertThat(failure.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(WORKBOOK);
            assertThat(problem.message()).contains("Failed to open Excel stream");
        });
    }

    @Test
    void emptyFileIsRejected() {
        var files = Map.of("solomo/offers/new.drl", new byte[0]);

        var failure = catchThrowableOfType(RuleCompilationException.class, () -> compiler.compile("v11", files));

        assertThat(failure.problems()).singleElement()
                .isEqualTo(new Problem("solomo/offers/new.drl", 0, 0, FindingText.of("file.empty")));
    }

    @Test
    void blankVersionIsRejected() {
        var files = OfferRuleCompiler.bundledFiles();

        assertThatIllegalArgumentException().isThrownBy(() -> compiler.compile(" ", files))
                .withMessageContaining("version is missing");
    }

    @Test
    void changedWorkbookIsCompiledAnew() {
        var files = bundledFilesWithCell("J16", "3");

        OfferRuleBase changed = compiler.compile("v12", files);

        RuleOutcome outcome = changed.evaluate(customer(LoyaltyTier.BRONZE), atStore(null, DayOfWeek.MONDAY, 12));
        assertThat(candidate(outcome, "STORE-WELCOME-10").orElseThrow().getWeight()).isEqualTo(3.0);
        RuleOutcome bundled = BUNDLED_RULES.evaluate(customer(LoyaltyTier.BRONZE), atStore(null, DayOfWeek.MONDAY, 12));
        assertThat(candidate(bundled, "STORE-WELCOME-10").orElseThrow().getWeight()).isEqualTo(1.0);
    }

    @Test
    void renamedRuleInWorkbookReplacesTheOldName() {
        var files = bundledFilesWithCell("B19", "Offer 5 EUR off to an app user who is not in a store");

        OfferRuleBase changed = compiler.compile("v13", files);

        assertThat(changed.ruleNames())
                .contains("Offer 5 EUR off to an app user who is not in a store")
                .doesNotContain(APP_VOUCHER);
    }
}
