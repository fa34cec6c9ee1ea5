package io.solomo.benchmarks;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.rules.OfferRuleBase;
import io.solomo.rules.OfferRuleCompiler;
import io.solomo.rules.RuleOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Set;

/**
 * Evaluations per second of the offer rules for one customer and one contact, on one thread: the rule step of every
 * decision, without the database. Each evaluation opens a fresh session, as the server does. {@code generatedRows}
 * adds rows to the bundled offers table with {@link OffersTableGenerator}: 0 runs the bundled rules alone, 1,000
 * runs the 1,000-offer table of the full decision benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class OfferRuleEvaluationBenchmark {

    @Param({"0", "1000"})
    public int generatedRows;

    private OfferRuleBase rules;
    private CustomerFacts goldCustomer;
    private ContactContext storeMorning;
    private ContactContext refusedChannel;

    @Setup
    public void compile() {
        rules = new OfferRuleCompiler().compile("benchmark", generatedRows == 0
                ? OfferRuleCompiler.bundledFiles() : OffersTableGenerator.offersWithRows(generatedRows, 0));
        goldCustomer = new CustomerFacts("bench-gold", LoyaltyTier.GOLD, Language.FR,
                List.of(Channel.PUSH, Channel.EMAIL), Set.of(Channel.PUSH, Channel.EMAIL));
        storeMorning = new ContactContext(Channel.PUSH, ContactContext.Trigger.GEOFENCE_ENTER, "demo-maubert",
                "Demo Marché", DayOfWeek.SATURDAY, 9);
        refusedChannel = new ContactContext(Channel.SMS, ContactContext.Trigger.API, "demo-maubert",
                "Demo Marché", DayOfWeek.SATURDAY, 9);
    }

    /** Three rules propose offers; nothing is rejected. */
    @Benchmark
    public RuleOutcome eligibleAtStore() {
        return rules.evaluate(goldCustomer, storeMorning);
    }

    /** The same candidates, all held back by the consent rule. */
    @Benchmark
    public RuleOutcome rejectedForConsent() {
        return rules.evaluate(goldCustomer, refusedChannel);
    }
}
