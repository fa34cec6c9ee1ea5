package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;

import static io.solomo.decision.kie.FactMarshaller.NODES;

/**
 * Runs checked batch commands in one session and writes KIE Server's {@code execution-results}: {@code results},
 * the values by out-identifier, and {@code facts}, the fact handles of inserts by out-identifier.
 */
final class BatchExecution {

    private static final String FACT_HANDLE_CLASS = "org.drools.core.common.DefaultFactHandle";
    private static final String DISCONNECTED_HANDLE_CLASS = "org.drools.core.common.DisconnectedFactHandle";
    private static final String QUERY_RESULTS_CLASS = "org.drools.core.runtime.rule.impl.FlatQueryResults";

    private final KieSession session;
    private final boolean shared;
    private final ArrayNode results = NODES.arrayNode();
    private final ArrayNode facts = NODES.arrayNode();

    private BatchExecution(KieSession session, boolean shared) {
        this.session = session;
        this.shared = shared;
    }

    /**
     * Runs the commands in order and returns the content of {@code execution-results}: results and facts.
     *
     * @param shared whether later batches use the same session. Its facts are then copied at once, because those
     *               batches may change them before the response is written.
     */
    static ObjectNode run(KieSession session, List<BatchCommand> commands, boolean shared) {
        BatchExecution execution = new BatchExecution(session, shared);
        for (BatchCommand command : commands) {
            execution.execute(command);
        }
        ObjectNode executionResults = NODES.objectNode();
        executionResults.set("results", execution.results);
        executionResults.set("facts", execution.facts);
        return executionResults;
    }

    private void execute(BatchCommand command) {
        // Java 17 has no pattern matching in switch, so the sealed commands are distinguished with instanceof.
        if (command instanceof BatchCommand.Insert insert) {
            insert(insert);
        } else if (command instanceof BatchCommand.FireAllRules fire) {
            // NOTE: without a max, rules that keep activating each other never return, and the batch keeps its
            // Tomcat thread and its slot of solomo.kie.max-concurrent-batches; KIE Server behaves the same.
            int fired = fire.max() > 0 ? session.fireAllRules(fire.max()) : session.fireAllRules();
            result(fire.outIdentifier(), NODES.numberNode(fired));
        } else if (command instanceof BatchCommand.GetObjects get) {
            ArrayNode objects = NODES.arrayNode();
            Collection<?> found = get.type() == null
                    ? session.getObjects() : session.getObjects(new ClassObjectFilter(get.type()));
            found.forEach(object -> objects.add(fact(object)));
            result(get.outIdentifier(), objects);
        } else if (command instanceof BatchCommand.Query query) {
            result(query.outIdentifier(), queryResults(session.getQueryResults(query.name(), query.arguments())));
        } else if (command instanceof BatchCommand.SetGlobal global) {
            session.setGlobal(global.identifier(), global.value());
            result(global.outIdentifier(), fact(global.value()));
        } else if (command instanceof BatchCommand.Delete delete) {
            delete(delete);
        } else {
            throw new IllegalStateException("no execution for " + command);
        }
    }

    private void insert(BatchCommand.Insert insert) {
        FactHandle handle;
        if (insert.entryPoint() == null) {
            handle = session.insert(insert.fact());
        } else {
            // BatchReader checked that the KIE base has this entry point.
            EntryPoint entryPoint = session.getEntryPoint(insert.entryPoint());
            if (entryPoint == null) {
                throw new IllegalStateException("session has no entry point '" + insert.entryPoint() + "'");
            }
            handle = entryPoint.insert(insert.fact());
        }
        if (insert.outIdentifier() == null) {
            return;
        }
        if (insert.returnObject()) {
            result(insert.outIdentifier(), fact(insert.fact()));
        }
        ObjectNode externalForm = NODES.objectNode();
        externalForm.put("external-form", handle.toExternalForm());
        ObjectNode typed = NODES.objectNode();
        typed.set(FACT_HANDLE_CLASS, externalForm);
        facts.add(entry(insert.outIdentifier(), typed));
    }

    /**
     * Deletes the fact of a handle. The handle must name a fact of this session by id, identity hash code, entry
     * point and class, so that a stale handle never deletes another fact that now has its id.
     */
    private void delete(BatchCommand.Delete delete) {
        ExternalFactHandle sent = delete.factHandle();
        EntryPoint entryPoint = session.getEntryPoint(sent.entryPoint());
        if (entryPoint != null) {
            for (FactHandle candidate : entryPoint.getFactHandles()) {
                if (sent.sameFact(ExternalFactHandle.parse(candidate.toExternalForm()))) {
                    entryPoint.delete(candidate);
                    return;
                }
            }
        }
        throw new InvalidFieldException(delete.field(), sent.externalForm(), "no fact with handle '"
                + sent.externalForm() + "' in this session; unless a shared session is asked for, each batch runs "
                + "in a new session, so only handles inserted earlier in the same batch can be deleted");
    }

    /** Writes query rows as KIE Server 7 marshals its {@code FlatQueryResults}. */
    private ObjectNode queryResults(QueryResults rows) {
        String[] identifiers = rows.getIdentifiers();
        ArrayNode handleRows = NODES.arrayNode();
        ArrayNode objectRows = NODES.arrayNode();
        for (QueryResultsRow row : rows) {
            ArrayNode handles = NODES.arrayNode();
            ArrayNode objects = NODES.arrayNode();
            for (String identifier : identifiers) {
                Object object = row.get(identifier);
                objects.add(entry(identifier, fact(object)));
                FactHandle handle = row.getFactHandle(identifier);
                if (handle != null) {
                    handles.add(entry(identifier, disconnectedHandle(handle, object)));
                }
            }
            handleRows.add(collection("MAP", handles));
            objectRows.add(collection("MAP", objects));
        }
        ArrayNode names = NODES.arrayNode();
        for (String identifier : identifiers) {
            names.add(identifier);
        }

        ObjectNode flat = NODES.objectNode();
        flat.set("idFactHandleMaps", collection("LIST", handleRows));
        flat.set("idResultMaps", collection("LIST", objectRows));
        flat.set("identifiers", collection("SET", names));
        ObjectNode typed = NODES.objectNode();
        typed.set(QUERY_RESULTS_CLASS, flat);
        return typed;
    }

    private ObjectNode disconnectedHandle(FactHandle handle, Object object) {
        // External form: 0:id:identityHashCode:objectHashCode:recency:entryPoint:traitType:className
        String externalForm = handle.toExternalForm();
        String[] parts = externalForm.split(":");
        ObjectNode disconnected = NODES.objectNode();
        disconnected.put("id", Long.parseLong(parts[1]));
        disconnected.put("identityHashCode", Integer.parseInt(parts[2]));
        disconnected.put("objectHashCode", Integer.parseInt(parts[3]));
        disconnected.put("recency", Long.parseLong(parts[4]));
        disconnected.set("object", fact(object));
        disconnected.put("entryPointId", parts.length > 5 ? parts[5] : "DEFAULT");
        disconnected.put("traitType", parts.length > 6 ? parts[6] : "NON_TRAIT");
        disconnected.put("external-form", externalForm);
        ObjectNode typed = NODES.objectNode();
        typed.set(DISCONNECTED_HANDLE_CLASS, disconnected);
        return typed;
    }

    private JsonNode fact(Object value) {
        return shared ? FactMarshaller.copy(value) : FactMarshaller.write(value);
    }

    private static ObjectNode collection(String type, ArrayNode elements) {
        ObjectNode collection = NODES.objectNode();
        collection.put("type", type);
        collection.putNull("componentType");
        collection.set("element", elements);
        return collection;
    }

    private void result(String outIdentifier, JsonNode value) {
        if (outIdentifier != null) {
            results.add(entry(outIdentifier, value));
        }
    }

    private static ObjectNode entry(String key, JsonNode value) {
        ObjectNode entry = NODES.objectNode();
        entry.set("value", value);
        entry.put("key", key);
        return entry;
    }
}
