package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import org.drools.base.definitions.rule.impl.QueryImpl;
import org.drools.base.rule.Declaration;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Query;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the JSON batch of {@code POST containers/instances/{containerId}}:
 * {@code {"lookup": "ksession", "commands": [{"insert": {...}}, {"fire-all-rules": {}}, ...]}}.
 *
 * <p>Supported commands: {@code insert}, {@code fire-all-rules}, {@code get-objects}, {@code query},
 * {@code set-global}, and {@code retract} or {@code delete}. Any other command is rejected.
 */
final class BatchReader {

    static final List<String> SUPPORTED = List.of("insert", "fire-all-rules", "get-objects", "query", "set-global",
            "retract", "delete");

    private BatchReader() {
    }

    /** Returns the {@code lookup} of the batch, or null for the container's default ksession. */
    static String lookup(JsonNode batch) {
        JsonNode lookup = batch.get("lookup");
        return lookup == null || lookup.isNull() ? null : lookup.asString();
    }

    /**
     * Reads every command of the batch.
     *
     * @param kieBase the KIE base the batch will run in, to check query and global names
     * @throws InvalidFieldException naming the first command, class or property that is wrong
     */
    static List<BatchCommand> read(JsonNode batch, DeployedContainer container, KieBase kieBase) {
        if (!batch.isObject()) {
            throw new InvalidFieldException("body", batch.toString(), "a batch is a JSON object with \"commands\"");
        }
        JsonNode commands = batch.get("commands");
        if (commands == null || !commands.isArray()) {
            throw new InvalidFieldException("commands", commands == null ? null : commands.toString(),
                    "commands is missing; give an array such as [{\"insert\": {...}}, {\"fire-all-rules\": {}}]");
        }

        List<BatchCommand> read = new ArrayList<>(commands.size());
        for (int index = 0; index < commands.size(); index++) {
            JsonNode command = commands.get(index);
            String field = "commands[" + index + "]";
            if (!command.isObject() || command.size() != 1) {
                throw new InvalidFieldException(field, command.toString(), field + " must be an object with one "
                        + "command, such as {\"fire-all-rules\": {}}");
            }
            Map.Entry<String, JsonNode> named = command.properties().iterator().next();
            read.add(command(named.getKey(), named.getValue(), field + "." + named.getKey(), container, kieBase));
        }
        return read;
    }

    private static BatchCommand command(String name, JsonNode body, String field, DeployedContainer container,
                                        KieBase kieBase) {
        if (!body.isObject()) {
            throw new InvalidFieldException(field, body.toString(), field + " must be a JSON object");
        }
        return switch (name) {
            case "insert" -> new BatchCommand.Insert(FactMarshaller.read(body.get("object"), container,
                    field + ".object"), text(body, "out-identifier"), bool(body, "return-object", true),
                    text(body, "entry-point"));
            case "fire-all-rules" -> new BatchCommand.FireAllRules(integer(body, "max", field),
                    text(body, "out-identifier"));
            case "get-objects" -> new BatchCommand.GetObjects(filter(body, field, container),
                    text(body, "out-identifier"));
            case "query" -> query(body, field, container, kieBase);
            case "set-global" -> setGlobal(body, field, container, kieBase);
            case "retract", "delete" -> new BatchCommand.Delete(factHandle(body.get("fact-handle"), field));
            default -> throw new InvalidFieldException(field, name, "unsupported command '" + name + "'; this "
                    + "server runs " + SUPPORTED);
        };
    }

    private static Class<?> filter(JsonNode body, String field, DeployedContainer container) {
        JsonNode filter = body.get("class-object-filter");
        if (filter == null || filter.isNull()) {
            return null;
        }
        // KIE Server 7 sends the class name as {"string": "com.example.Person"}; a plain string is accepted too.
        JsonNode name = filter.isObject() ? filter.get("string") : filter;
        if (name == null || !name.isString()) {
            throw new InvalidFieldException(field + ".class-object-filter", filter.toString(),
                    "class-object-filter must be {\"string\": \"<fully qualified class name>\"}");
        }
        String className = name.asString();
        return container.factClass(className).orElseThrow(() -> new InvalidFieldException(
                field + ".class-object-filter", className, "unknown class '" + className + "' in "
                + field + ".class-object-filter: container " + container.id() + " has no such class"));
    }

    private static BatchCommand query(JsonNode body, String field, DeployedContainer container, KieBase kieBase) {
        String name = text(body, "name");
        if (name == null) {
            throw new InvalidFieldException(field + ".name", null, field + ".name is missing");
        }
        Query declared = kieBase.getKiePackages().stream()
                .flatMap(kiePackage -> kiePackage.getQueries().stream())
                .filter(query -> query.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(field + ".name", name, "the rules of container "
                        + container.id() + " declare no query '" + name + "'"));

        JsonNode arguments = body.get("arguments");
        List<Object> values = new ArrayList<>();
        if (arguments != null && !arguments.isNull()) {
            if (!arguments.isArray()) {
                throw new InvalidFieldException(field + ".arguments", arguments.toString(), "arguments must be an array");
            }
            for (int index = 0; index < arguments.size(); index++) {
                values.add(FactMarshaller.read(arguments.get(index), container, field + ".arguments[" + index + "]"));
            }
        }
        requireArgumentCount(declared, values.size(), field, arguments);
        return new BatchCommand.Query(name, values.toArray(), text(body, "out-identifier"));
    }

    /**
     * Rejects a query call whose argument count differs from the query's parameter count, which Drools would
     * otherwise reject with a RuntimeException when the batch runs.
     */
    private static void requireArgumentCount(Query query, int argumentCount, String field, JsonNode arguments) {
        // Drools 10 exposes the parameters only on its QueryImpl, the class of every query of a compiled KieBase.
        if (!(query instanceof QueryImpl compiled)) {
            return;
        }
        Declaration[] parameters = compiled.getParameters();
        if (argumentCount == parameters.length) {
            return;
        }
        String names = Arrays.stream(parameters).map(Declaration::getIdentifier).collect(Collectors.joining(", "));
        throw new InvalidFieldException(field + ".arguments", arguments == null ? null : arguments.toString(),
                "query '" + query.getName() + "' takes " + parameters.length + " argument"
                        + (parameters.length == 1 ? "" : "s") + (names.isEmpty() ? "" : " (" + names + ")")
                        + ", but " + field + ".arguments has " + argumentCount);
    }

    private static BatchCommand setGlobal(JsonNode body, String field, DeployedContainer container, KieBase kieBase) {
        String identifier = text(body, "identifier");
        if (identifier == null) {
            throw new InvalidFieldException(field + ".identifier", null, field + ".identifier is missing");
        }
        Global declared = kieBase.getKiePackages().stream()
                .map(KiePackage::getGlobalVariables)
                .flatMap(Collection::stream)
                .filter(global -> global.getName().equals(identifier))
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(field + ".identifier", identifier, "the rules of "
                        + "container " + container.id() + " declare no global '" + identifier + "'"));
        JsonNode object = body.get("object");
        Object value = FactMarshaller.read(object, container, field + ".object");
        requireGlobalType(declared, value, field + ".object", object, container);
        return new BatchCommand.SetGlobal(identifier, value, text(body, "out-identifier"));
    }

    /**
     * Rejects a value that is not an instance of the global's declared type, which Drools would otherwise reject
     * with a RuntimeException when the batch runs.
     */
    private static void requireGlobalType(Global global, Object value, String field, JsonNode object,
                                          DeployedContainer container) {
        Class<?> type;
        try {
            type = Class.forName(global.getType(), false, container.kieContainer().getClassLoader());
        } catch (ClassNotFoundException | LinkageError unknownType) {
            // NOTE: a type the container cannot load (a primitive name, for one) is left for Drools to check.
            return;
        }
        if (!type.isInstance(value)) {
            Object sentValue = object.isValueNode() ? value : object.toString();
            throw new InvalidFieldException(field, sentValue, "global '" + global.getName() + "' has type "
                    + global.getType() + ", but " + field + " is a " + value.getClass().getName());
        }
    }

    /** Accepts the external form as a string, or wrapped as KIE Server writes it in results. */
    private static String factHandle(JsonNode handle, String field) {
        if (handle != null && handle.isObject() && handle.size() == 1) {
            handle = handle.properties().iterator().next().getValue().get("external-form");
        }
        if (handle == null || !handle.isString() || handle.asString().split(":").length < 5) {
            throw new InvalidFieldException(field + ".fact-handle", handle == null ? null : handle.toString(),
                    "fact-handle must be the external form of a handle returned by an insert, such as "
                            + "\"0:1:1612258304:1612258304:1:DEFAULT:NON_TRAIT:com.example.Person\"");
        }
        return handle.asString();
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static boolean bool(JsonNode body, String name, boolean absent) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? absent : value.asBoolean();
    }

    private static int integer(JsonNode body, String name, String field) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return -1;
        }
        if (!value.canConvertToInt()) {
            throw new InvalidFieldException(field + "." + name, value.toString(), field + "." + name
                    + " must be a whole number");
        }
        return value.asInt();
    }
}
