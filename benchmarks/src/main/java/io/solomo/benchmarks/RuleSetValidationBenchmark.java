package io.solomo.benchmarks;

import io.solomo.rules.OfferRuleBase;
import io.solomo.rules.OfferRuleCompiler;
import io.solomo.rules.RuleSetCompiler;
import io.solomo.rules.RuleSetValidator;
import io.solomo.rules.ValidationReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Time to validate, compile, test and activate a 1,000-row offers decision table with 50 scenarios: the work of one
 * upload followed by its activation, minus the HTTP and database round trips. Each operation is a whole upload, timed
 * once (single shot); the first iterations warm the JVM as a running server would be warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class RuleSetValidationBenchmark {

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());
    // Stands in for ActiveOfferRules, whose swap is this one reference write.
    private final AtomicReference<OfferRuleBase> active = new AtomicReference<>();
    private Map<String, byte[]> files;
    private int expectedRules;
    private int upload;

    @Setup(Level.Trial)
    public void generate() {
        files = OffersTableGenerator.offersWithRows(1_000, 50);
        expectedRules = new OfferRuleCompiler().compile("bundled", OfferRuleCompiler.bundledFiles()).ruleCount()
                + 1_000;
    }

    @Benchmark
    public OfferRuleBase validateCompileTestAndActivate1000Rows() {
        ValidationReport report = validator.validateOffers("bench-" + upload++, files);
        OfferRuleBase rules = report.activatableRules().orElseThrow(() ->
                new IllegalStateException("the generated rule set is invalid: " + report.errors()));
        if (report.ruleCount() != expectedRules || report.scenariosPassed() != 50) {
            throw new IllegalStateException("expected " + expectedRules + " rules and 50 passing scenarios, got "
                    + report.ruleCount() + " and " + report.scenariosPassed());
        }
        active.set(rules);
        return rules;
    }
}
