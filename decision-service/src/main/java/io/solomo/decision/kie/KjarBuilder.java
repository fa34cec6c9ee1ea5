package io.solomo.decision.kie;

import io.solomo.decision.kie.KjarBuildException.BuildError;
import io.solomo.decision.web.InvalidFieldException;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieContainerImpl;
import org.drools.compiler.kie.builder.impl.KieModuleKieProject;
import org.drools.compiler.kie.builder.impl.KieRepositoryImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.Message;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieContainer;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Builds the rules of a kjar and checks them, with the same checks for an upload and for a container, so that a kjar
 * accepted on upload also builds as a container.
 */
final class KjarBuilder {

    // Inside the Spring Boot fat jar Drools cannot see the server's libraries through its default class loader.
    static final ClassLoader SERVICE_CLASS_LOADER = KjarBuilder.class.getClassLoader();

    private KjarBuilder() {
    }

    /**
     * Builds the kjar file into a container of its own, as {@code KieServices.newKieContainer} builds one, checks it
     * with {@link #buildKieBases} and disposes it. The module is read into a KIE repository of its own, so that a kjar
     * that fails never replaces the module of its release id in the repository that the running containers use.
     * Returns the number of rules.
     *
     * @param field the request field that brought the kjar, for the problem
     * @param value the value of that field to repeat in the problem, or null
     * @throws KjarBuildException   when Drools reports build errors
     * @throws InvalidFieldException when the file cannot be read as a KIE module or its KIE bases hold no rule
     */
    static int check(String field, Object value, KieReleaseId releaseId, Path jar) {
        KieServices kieServices = KieServices.Factory.get();
        KieRepositoryImpl repository = new KieRepositoryImpl();
        InternalKieModule module;
        try {
            module = (InternalKieModule) repository.getKieModule(
                    kieServices.getResources().newFileSystemResource(jar.toFile()));
        } catch (RuntimeException unreadable) {
            // Drools wraps the reason in "Unable to fetch module from resource: <the temporary file>".
            Throwable reason = unreadable.getCause() == null ? unreadable : unreadable.getCause();
            throw new InvalidFieldException(field, value, "kjar " + releaseId + " could not be read as a KIE module; "
                    + "check that META-INF/kmodule.xml is a valid kmodule: " + causes(reason));
        }
        if (module == null) {
            throw new InvalidFieldException(field, value, "kjar " + releaseId + " could not be read as a KIE module; "
                    + "check that META-INF/kmodule.xml is a valid kmodule");
        }

        KieContainer kieContainer;
        try {
            kieContainer = new KieContainerImpl(UUID.randomUUID().toString(),
                    new KieModuleKieProject(module, SERVICE_CLASS_LOADER), repository, module.getReleaseId());
        } catch (RuntimeException invalid) {
            throw new KjarBuildException(field, value, releaseId, List.of(BuildError.of(null, 0, causes(invalid))));
        }
        try {
            return buildKieBases(field, value, releaseId, kieContainer);
        } finally {
            kieContainer.dispose();
        }
    }

    /**
     * Builds every KIE base of the container now, so that rule errors fail the request instead of a later batch.
     * Returns the number of rules. The caller disposes the container, also when this throws.
     *
     * @throws KjarBuildException   when Drools reports build errors, or fails while building
     * @throws InvalidFieldException when the KIE bases hold no rule at all
     */
    static int buildKieBases(String field, Object value, KieReleaseId releaseId, KieContainer kieContainer) {
        List<BuildError> errors;
        try {
            errors = kieContainer.verify().getMessages(Message.Level.ERROR).stream()
                    .map(error -> BuildError.of(error.getPath(), error.getLine(), error.getText()))
                    .toList();
        } catch (RuntimeException failed) {
            // Drools throws instead of reporting for some broken resources, such as a file that is not a workbook.
            errors = List.of(BuildError.of(null, 0, causes(failed)));
        }
        if (!errors.isEmpty()) {
            throw new KjarBuildException(field, value, releaseId, errors);
        }

        int rules = 0;
        for (String name : kieContainer.getKieBaseNames()) {
            KieBase kieBase = kieContainer.getKieBase(name);
            for (KiePackage kiePackage : kieBase.getKiePackages()) {
                rules += kiePackage.getRules().size();
            }
        }
        // Drools skips a misnamed decision table or a package that kmodule.xml does not list with only a warning, and
        // the KIE base is then silently empty.
        if (rules == 0) {
            throw new InvalidFieldException(field, value, "kjar " + releaseId + " yields no rule; check that "
                    + "kmodule.xml packages match the package lines of the rule files and that decision tables are "
                    + "named *.drl.xlsx");
        }
        return rules;
    }

    /** Joins the messages of an exception and its causes on one line, because Drools often wraps a failure twice. */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(message.strip().replaceAll("\\s*\\R\\s*", " "));
            }
        }
        return text.isEmpty() ? failure.getClass().getSimpleName() : text.toString();
    }
}
