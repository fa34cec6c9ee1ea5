package io.solomo.decision.kie;

import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.runtime.KieSession;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Executes batches of commands in a container's ksession.
 *
 * <p>Each batch runs in a session of its own, created for it and disposed afterwards, whether the ksession is
 * declared stateless or stateful: facts never leak from one request into the next, and batches run in parallel.
 * A stand-alone KIE Server 7 instead keeps one stateful session per ksession and shares it between all callers. A
 * caller who wants that asks for it explicitly with {@code shared}; batches on a shared session run one at a time.
 */
@Component
class RuleExecution {

    private final KieContainers containers;

    RuleExecution(KieContainers containers) {
        this.containers = containers;
    }

    /**
     * Runs a batch and returns the content of KIE Server's {@code execution-results}.
     *
     * @param shared whether to use the container's shared stateful session instead of a new one
     * @throws io.solomo.decision.web.InvalidFieldException before any command runs, when the batch names an unknown
     *                                                      ksession, command, class, query or global
     */
    ObjectNode execute(String containerId, JsonNode batch, boolean shared) {
        while (true) {
            DeployedContainer container = containers.get(containerId);
            if (container.hold()) {
                try {
                    return execute(container, batch, shared);
                } finally {
                    container.release();
                }
            }
            // Replaced or disposed between the lookup and the hold: the next lookup finds its successor or a 404.
        }
    }

    private static ObjectNode execute(DeployedContainer container, JsonNode batch, boolean shared) {
        KieSessionModel sessionModel = container.session(BatchReader.lookup(batch));
        List<BatchCommand> commands = BatchReader.read(batch, container, container.kieBase(sessionModel));

        if (shared) {
            KieSession session = container.sharedSession(sessionModel);
            synchronized (session) {
                return BatchExecution.run(session, commands, true);
            }
        }
        boolean setsGlobals = commands.stream().anyMatch(BatchCommand.SetGlobal.class::isInstance);
        return container.run(() -> {
            KieSession session = container.newSession(sessionModel, !setsGlobals);
            try {
                return BatchExecution.run(session, commands, false);
            } finally {
                session.dispose();
            }
        });
    }
}
