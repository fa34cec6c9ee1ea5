package io.solomo.rules;

import com.baeldung.drools.model.Customer;
import com.baeldung.drools.model.Customer.CustomerType;
import com.baeldung.drools.model.Product;
import com.sample.DecisionTableTest.Message;
import io.solomo.rules.CompiledRuleSet.Run;
import org.drools.decisiontable.Cheese;
import org.drools.decisiontable.UnicodeInCSVTest;
import org.drools.decisiontable.UnicodeInXLSTest;
import org.drools.examples.decisiontable.Driver;
import org.drools.examples.decisiontable.Policy;
import org.drools.impact.analysis.example.domain.Order;
import org.drools.testcoverage.common.model.Person;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the Drools example tables that analysts are most likely to start from on facts that each rule should match.
 * They are the HelloWorld table of the Drools project template, the insurance pricing example of the Drools
 * documentation, the Baeldung tutorial tables and the impact analysis example. Then come Drools test tables with
 * Unicode names, dates, formulas, empty cells and several tables on one sheet. Their fact classes are simple beans
 * written for these tests in the packages that the tables import.
 */
class DroolsExampleTablesBehaviourTests {

    private static final int MAX_FIRINGS = 100;

    private final RuleSetValidator validator = new RuleSetValidator(new OfferRuleCompiler(), new RuleSetCompiler());

    @Test
    void helloWorldTableSaysGoodbye() {
        CompiledRuleSet rules = compile("kie-drools__Sample2.drl.xlsx");
        Message message = new Message("Hello World", Message.HELLO);

        Run run = rules.run(List.of(message), Map.of(), MAX_FIRINGS);

        assertThat(run.firedRules()).containsExactly("HelloWorld_11", "HelloWorld_12");
        assertThat(message.getMessage()).isEqualTo("Goodbye cruel world");
        assertThat(message.getStatus()).isEqualTo(Message.GOODBYE);
    }

    @Test
    void discountTableRatesEachCustomerType() {
        CompiledRuleSet rules = compile("baeldung__Discount.drl.xls");
        Customer loyal = new Customer(CustomerType.INDIVIDUAL, 5);
        Customer recent = new Customer(CustomerType.INDIVIDUAL, 1);
        Customer business = new Customer(CustomerType.BUSINESS, 1);

        Run loyalRun = rules.run(List.of(loyal), Map.of(), MAX_FIRINGS);
        Run recentRun = rules.run(List.of(recent), Map.of(), MAX_FIRINGS);
        Run businessRun = rules.run(List.of(business), Map.of(), MAX_FIRINGS);

        assertThat(loyalRun.firedRules()).containsExactly("Individual > 3y");
        assertThat(loyal.getDiscount()).isEqualTo(15);
        assertThat(recentRun.firedRules()).containsExactly("Individual < 3y");
        assertThat(recent.getDiscount()).isEqualTo(5);
        assertThat(businessRun.firedRules()).containsExactly("Business Any");
        assertThat(business.getDiscount()).isEqualTo(20);
    }

    @Test
    void productTableLabelsEachType() {
        CompiledRuleSet rules = compile("baeldung__Product_rules.drl.xls");
        Product phone = new Product("Phone", "Electronic");
        Product novel = new Product("Novel", "Book");
        Product album = new Product("Album", "CD");
        Product chair = new Product("Chair", "Furniture");

        Run run = rules.run(List.of(phone, novel, album, chair), Map.of(), MAX_FIRINGS);

        assertThat(run.firedRules()).containsExactlyInAnyOrder("Routing_11", "Routing_12", "Routing_13");
        assertThat(phone.getLabel()).isEqualTo("BarCode");
        assertThat(novel.getLabel()).isEqualTo("ISBN");
        assertThat(album.getLabel()).isEqualTo("VOLUMENo.");
        assertThat(chair.getLabel()).isNull();
    }

    @Test
    void pricingTablePricesAMatureSafeDriver() {
        CompiledRuleSet rules = compile("kie-drools__ExamplePolicyPricing.drl.xls");
        Policy policy = new Policy("COMPREHENSIVE");

        Run run = rules.run(List.of(new Driver(30, "LOW", 0), policy), Map.of(), MAX_FIRINGS);

        assertThat(run.firedRules()).containsExactlyInAnyOrder("Pricing bracket_18", "Discounts_34");
        assertThat(policy.getBasePrice()).isEqualTo(120);
        assertThat(policy.getDiscountPercent()).isEqualTo(20);
    }

    @Test
    void pricingTablePricesAYoungDriverByLocationRisk() {
        CompiledRuleSet rules = compile("kie-drools__ExamplePolicyPricing.drl.xls");
        Policy safe = new Policy("COMPREHENSIVE");
        Policy risky = new Policy("FIRE_THEFT");

        Run safeRun = rules.run(List.of(new Driver(20, "LOW", 0), safe), Map.of(), MAX_FIRINGS);
        Run riskyRun = rules.run(List.of(new Driver(22, "HIGH", 3), risky), Map.of(), MAX_FIRINGS);

        assertThat(safeRun.firedRules()).containsExactlyInAnyOrder("Pricing bracket_14", "Discounts_30");
        assertThat(safe.getBasePrice()).isEqualTo(150);
        assertThat(safe.getDiscountPercent()).isEqualTo(1);
        assertThat(riskyRun.firedRules()).containsExactly("Pricing bracket_17");
        assertThat(risky.getBasePrice()).isEqualTo(550);
        assertThat(risky.getDiscountPercent()).isZero();
    }

    @Test
    void impactAnalysisTablesChainOnOneOrder() {
        CompiledRuleSet rules = compile("kie-drools__CustomerCheck.drl.xls", "kie-drools__PriceCheck.drl.xls",
                "kie-drools__StatusCheck.drl.xls");
        Order senior = new Order(3, 65, 1500);
        Order expensive = new Order(1, 30, 4000);

        Run seniorRun = rules.run(List.of(senior), Map.of(), MAX_FIRINGS);
        Run expensiveRun = rules.run(List.of(expensive), Map.of(), MAX_FIRINGS);

        assertThat(seniorRun.firedRules()).containsExactly("CustomerCheck_13", "PriceCheck_11", "StatusCheck_11");
        assertThat(senior.getStatus()).isEqualTo("Too much discount");
        assertThat(senior.getDiscount()).isEqualTo(500);
        assertThat(expensiveRun.firedRules()).containsExactly("PriceCheck_12", "StatusCheck_12");
        assertThat(expensive.getStatus()).isEqualTo("Good order");
        assertThat(expensive.getDiscount()).isZero();
    }

    @Test
    void unicodeTablesAddAdultsToTheirGlobalList() {
        for (String name : List.of("kie-drools__unicode.drl.csv", "kie-drools__unicode.drl.xls")) {
            CompiledRuleSet rules = compile(name);
            List<Object> adults = new ArrayList<>();
            Object jana = name.endsWith(".csv") ? new UnicodeInCSVTest.Člověk("Jana", 30)
                    : new UnicodeInXLSTest.Člověk("Jana", 30);
            Object petr = name.endsWith(".csv") ? new UnicodeInCSVTest.Člověk("Petr", 10)
                    : new UnicodeInXLSTest.Člověk("Petr", 10);

            Run run = rules.run(List.of(jana, petr), Map.of("dospělí", adults), MAX_FIRINGS);

            assertThat(run.firedRules()).as(name).containsExactlyInAnyOrder("přidej k dospělým", "привет мир",
                    "你好世界", "hallå världen", "مرحبا العالم");
            assertThat(adults).as(name).hasSize(5).containsOnly(jana);
        }
    }

    @Test
    void datedTablesFireOnlyRulesStillInEffect() {
        for (String name : List.of("kie-drools__sample_dates.drl.csv", "kie-drools__sample_dates.drl.xls")) {
            CompiledRuleSet rules = compile(name);
            Person expired = new Person(0, "Ann");
            Person undated = new Person(2, "Bob");

            Run run = rules.run(List.of(expired, undated), Map.of(), MAX_FIRINGS);

            // Rows 11 and 12 were in effect in 2012 and 2013 only; row 13 has no dates.
            assertThat(run.firedRules()).as(name).containsExactly("ID change_13");
            assertThat(expired.getId()).as(name).isZero();
            assertThat(undated.getId()).as(name).isEqualTo(3);
        }
    }

    @Test
    void multipleTablesOfOneSheetBothRun() {
        CompiledRuleSet rules = compile("kie-drools__multiple_tables.drl.xls");
        Person first = new Person(0, "Ann");
        Person helmut = new Person(1000, "Helmut von Seireit");

        Run run = rules.run(List.of(first, helmut), Map.of(), MAX_FIRINGS);

        assertThat(run.firedRules()).containsExactlyInAnyOrder("ID change_11", "Name Change_20");
        assertThat(first.getId()).isEqualTo(1);
        assertThat(helmut.getName()).isEqualTo("Wilhelm von Seireit");
    }

    @Test
    void cheeseFansRunFromTheFirstSheetOnly() {
        Map<String, byte[]> files = tables("kie-drools__IntegrationExampleTest.drl.xls");
        List<Object> log = new ArrayList<>();
        org.drools.decisiontable.Person young = new org.drools.decisiontable.Person("Young guy", 25);

        ValidationReport report = validator.validateAny("examples", files, getClass().getClassLoader());
        CompiledRuleSet rules = new RuleSetCompiler().compile("examples", files, getClass().getClassLoader());
        Run run = rules.run(List.of(young, new Cheese("cheddar")), Map.of("list", log), MAX_FIRINGS);

        // Only the second sheet has a rule for a 25-year-old, and Drools does not read it.
        assertThat(report.errors()).singleElement().satisfies(error ->
                assertThat(error.location()).endsWith("Tables_2!C13"));
        assertThat(rules.ruleNames()).containsExactly("Cheese fans_18", "Cheese fans_19");
        assertThat(run.firedRules()).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void formulaTableUsesTheCachedValues() {
        CompiledRuleSet rules = compile("kie-drools__XlsFormula.drl.xls");
        List<Object> values = new ArrayList<>();

        Run run = rules.run(List.of(new org.drools.decisiontable.Person("Row", 2), new org.drools.decisiontable.Person("Sum", 3)), Map.of("list", values),
                MAX_FIRINGS);

        assertThat(run.firedRules()).containsExactlyInAnyOrder("Cheese fans_11", "Cheese fans_12");
        assertThat(values).containsExactlyInAnyOrder("11", "21");
    }

    @Test
    void emptyCellsAddNoConstraint() {
        CompiledRuleSet rules = compile("kie-drools__NoConstraintsEmptyCells.drl.xls");

        Run fred = rules.run(List.of(new org.drools.decisiontable.Person("Fred", 55)), Map.of(), MAX_FIRINGS);
        Run ann = rules.run(List.of(new org.drools.decisiontable.Person("Ann", 55)), Map.of(), MAX_FIRINGS);

        assertThat(fred.firedRules()).containsExactlyInAnyOrder("Cheese fans_10", "Cheese fans_11", "Cheese fans_12");
        assertThat(ann.firedRules()).containsExactly("Cheese fans_10");
    }

    @Test
    void shopTableSellsAlcoholFromEighteen() {
        CompiledRuleSet rules = compile("kie-drools__ShopRules.drl.xls");
        org.drools.decisiontable.Person minor = new org.drools.decisiontable.Person("Minor", 16);
        org.drools.decisiontable.Person adult = new org.drools.decisiontable.Person("Adult", 30);
        adult.setCanBuyAlcohol(false);

        Run minorRun = rules.run(List.of(minor), Map.of(), MAX_FIRINGS);
        Run adultRun = rules.run(List.of(adult), Map.of(), MAX_FIRINGS);

        assertThat(minorRun.firedRules()).containsExactly("Spreadsheet Example_11");
        assertThat(minor.isCanBuyAlcohol()).isFalse();
        assertThat(adultRun.firedRules()).containsExactly("Spreadsheet Example_12");
        assertThat(adult.isCanBuyAlcohol()).isTrue();
    }

    /** Validates the tables as an upload would, then compiles them for facts of the test class path. */
    private CompiledRuleSet compile(String... names) {
        Map<String, byte[]> files = tables(names);
        ClassLoader facts = getClass().getClassLoader();

        ValidationReport report = validator.validateAny("examples", files, facts);

        assertThat(report.errors()).isEmpty();
        return new RuleSetCompiler().compile("examples", files, facts);
    }

    private static Map<String, byte[]> tables(String... names) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : names) {
            Path table = SharedData.path("decision-tables/" + name).orElse(null);
            assumeTrue(table != null, SharedData.ABSENT);
            files.put("examples/" + name, read(table));
        }
        return files;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
