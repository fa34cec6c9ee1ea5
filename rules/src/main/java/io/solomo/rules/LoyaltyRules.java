package io.solomo.rules;

import io.solomo.model.loyalty.LoyaltyAction;
import io.solomo.model.loyalty.PointsAward;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The loyalty rules ({@code solomo/loyalty/loyalty.drl}): how many points an action earns. Built once; evaluating is
 * thread-safe, with a fresh session per action.
 */
public final class LoyaltyRules {

    static final String BUNDLED_FILE = "solomo/loyalty/loyalty.drl";
    private static final String PACKAGE = "solomo.loyalty";

    private final KieBase kieBase;

    private LoyaltyRules(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /**
     * Builds the bundled loyalty rules.
     *
     * @throws RuleCompilationException when the DRL does not compile or holds no rule
     */
    public static LoyaltyRules bundled() {
        ClassLoader classLoader = LoyaltyAction.class.getClassLoader();
        KieServices kieServices = KieServices.Factory.get();
        ReleaseId releaseId = kieServices.newReleaseId("io.solomo.rules", "loyalty", "1");
        KieFileSystem files = kieServices.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        KieModuleModel module = kieServices.newKieModuleModel();
        module.newKieBaseModel("loyalty").addPackage(PACKAGE).setDefault(true)
                .newKieSessionModel("loyalty-session").setDefault(true);
        files.writeKModuleXML(module.toXML());
        files.write("src/main/resources/" + BUNDLED_FILE, read(classLoader));

        KieBuilder builder = kieServices.newKieBuilder(files, classLoader).buildAll();
        List<RuleCompilationException.Problem> problems = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            problems.add(new RuleCompilationException.Problem(BUNDLED_FILE, message.getLine(), message.getColumn(),
                    FindingText.of("drools.error", message.getText())));
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException("loyalty", problems);
        }
        KieContainer container = kieServices.newKieContainer(releaseId, classLoader);
        KieBase kieBase = container.getKieBase("loyalty");
        if (kieBase.getKiePackage(PACKAGE) == null || kieBase.getKiePackage(PACKAGE).getRules().isEmpty()) {
            throw new RuleCompilationException("loyalty", List.of(new RuleCompilationException.Problem(
                    BUNDLED_FILE, 0, 0, FindingText.of("compiler.loyalty-zero-rules"))));
        }
        return new LoyaltyRules(kieBase);
    }

    /** Returns the awards the rules give for the action; empty when no rule rewards it. */
    public List<PointsAward> awardsFor(LoyaltyAction action) {
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(action);
            session.fireAllRules();
            List<PointsAward> awards = new ArrayList<>();
            for (Object fact : session.getObjects(object -> object instanceof PointsAward)) {
                awards.add((PointsAward) fact);
            }
            return awards;
        } finally {
            session.dispose();
        }
    }

    private static byte[] read(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(BUNDLED_FILE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_FILE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("could not read " + BUNDLED_FILE, unreadable);
        }
    }
}
