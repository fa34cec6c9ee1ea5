package io.solomo.rules;

import io.solomo.rules.RuleCompilationException.Problem;
import org.drools.template.parser.DecisionTableParseException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Compiles any set of DRL files and decision tables, whatever their packages and fact classes, into one KIE base. The
 * offer rules go through {@link OfferRuleCompiler}, which also insists on the offers package; this compiler validates
 * rule sets written for other facts, such as the Drools project's own example tables.
 *
 * <p>Thread-safe. Like {@link OfferRuleCompiler}, it compiles at run time and costs hundreds of milliseconds, so call it
 * on upload, never per request.
 */
public final class RuleSetCompiler {

    private final KieServices kieServices = KieServices.Factory.get();

    /**
     * Compiles the files with every package they declare.
     *
     * @param version     a label for messages and logs
     * @param files       file contents by relative path, with the endings {@link OfferRuleCompiler#compile} accepts
     * @param classLoader the loader that sees the fact classes the rules import
     * @throws RuleCompilationException for misnamed or empty files, build errors (a decision table's by spreadsheet
     *                                  row), and a result without any rule
     */
    public CompiledRuleSet compile(String version, Map<String, byte[]> files, ClassLoader classLoader) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(classLoader, "classLoader");
        List<Problem> fileProblems = OfferRuleCompiler.checkFiles(files);
        if (!fileProblems.isEmpty()) {
            throw new RuleCompilationException(version, fileProblems);
        }

        ReleaseId releaseId = kieServices.newReleaseId("io.solomo.rules", "ruleset-" + UUID.randomUUID(), "1.0.0");
        KieFileSystem fileSystem = kieServices.newKieFileSystem();
        KieModuleModel module = kieServices.newKieModuleModel();
        // No package filter: every package the files declare belongs to the rule set.
        module.newKieBaseModel("ruleset").setDefault(true);
        fileSystem.writeKModuleXML(module.toXML());
        fileSystem.generateAndWritePomXML(releaseId);
        files.forEach((path, content) -> fileSystem.write("src/main/resources/" + path, content));

        KieBuilder builder = kieServices.newKieBuilder(fileSystem, classLoader);
        try {
            builder.buildAll();
        } catch (DecisionTableParseException unreadable) {
            throw new RuleCompilationException(version, List.of(OfferRuleCompiler.problemOf(unreadable, files.keySet())));
        }
        List<Problem> buildProblems = OfferRuleCompiler.buildProblems(version, builder, files);
        if (!buildProblems.isEmpty()) {
            throw new RuleCompilationException(version, buildProblems);
        }

        try {
            KieContainer container = kieServices.newKieContainer(releaseId, classLoader);
            KieBase kieBase = container.getKieBase("ruleset");
            List<String> ruleNames = kieBase.getKiePackages().stream()
                    .flatMap(kiePackage -> kiePackage.getRules().stream())
                    .map(Rule::getName)
                    .sorted()
                    .toList();
            if (ruleNames.isEmpty()) {
                throw new RuleCompilationException(version,
                        List.of(Problem.ofRuleSet(FindingText.of("compiler.zero-rules"))));
            }
            return new CompiledRuleSet(version, kieBase, ruleNames);
        } finally {
            kieServices.getRepository().removeKieModule(releaseId);
        }
    }
}
