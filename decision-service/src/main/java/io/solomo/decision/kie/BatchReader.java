package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import org.drools.base.definitions.rule.impl.QueryImpl;
import org.drools.base.rule.Declaration;
import org.drools.base.rule.EntryPointId;
import org.drools.core.impl.InternalRuleBase;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Query;
import tools.jackson.databind.JsonNode;

import java.lang.invoke.MethodType;
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

    static final String DEFAULT_ENTRY_POINT = "DEFAULT";

    static final List<String> SUPPORTED = List.of("insert", "fire-all-rules", "get-objects", "query", "set-global",
            "retract", "delete");

    private BatchReader() {
    }

    /** Returns the {@code lookup} of the batch, or null for the container's default ksession. */
    static String lookup(JsonNode batch) {
        return batch.isObject() ? text(batch, "lookup", "") : null;
    }

    /**
     * Reads every command of the batch.
     *
     * @param kieBase the KIE base the batch will run in, to check query and global names
     * @throws InvalidFieldException naming the first command, class or property that is wrong
     */
    static List<BatchCommand> read(JsonNode batch, DeployedContainer container, KieBase kieBase) {
        if (!batch.isObject()) {
            throw new InvalidFieldException("body", ExactNumbers.forMessage(batch),
                    "a batch is a JSON object with \"commands\"");
        }
        JsonNode commands = batch.get("commands");
        if (commands == null || !commands.isArray()) {
            throw new InvalidFieldException("commands", ExactNumbers.forMessage(commands),
                    "commands is missing; give an array such as [{\"insert\": {...}}, {\"fire-all-rules\": {}}]");
        }

        List<BatchCommand> read = new ArrayList<>(commands.size());
        for (int index = 0; index < commands.size(); index++) {
            JsonNode command = commands.get(index);
            String field = "commands[" + index + "]";
            if (!command.isObject() || command.size() != 1) {
                throw new InvalidFieldException(field, ExactNumbers.forMessage(command), field + " must be an object with "
                        + "one command, such as {\"fire-all-rules\": {}}");
            }
            Map.Entry<String, JsonNode> named = command.properties().iterator().next();
            read.add(command(named.getKey(), named.getValue(), field + "." + named.getKey(), container, kieBase));
        }
        return read;
    }

    private static BatchCommand command(String name, JsonNode body, String field, DeployedContainer container,
                                        KieBase kieBase) {
        if (!body.isObject()) {
            throw new InvalidFieldException(field, ExactNumbers.forMessage(body), field + " must be a JSON object");
        }
        return switch (name) {
            case "insert" -> new BatchCommand.Insert(FactMarshaller.read(body.get("object"), container,
                    field + ".object"), outIdentifier(body, field), bool(body, "return-object", true, field),
                    entryPoint(body, field, container, kieBase));
            case "fire-all-rules" -> new BatchCommand.FireAllRules(integer(body, "max", field),
                    outIdentifier(body, field));
            case "get-objects" -> new BatchCommand.GetObjects(filter(body, field, container),
                    outIdentifier(body, field));
            case "query" -> query(body, field, container, kieBase);
            case "set-global" -> setGlobal(body, field, container, kieBase);
            case "retract", "delete" -> new BatchCommand.Delete(factHandle(body.get("fact-handle"), field),
                    field + ".fact-handle");
            default -> throw new InvalidFieldException(field, name, "unsupported command '" + name + "'; this "
                    + "server runs " + SUPPORTED);
        };
    }

    /**
     * Returns the entry point of an insert, or null for the default one. An entry point that no rule of the KIE base
     * reads from is rejected, because the session would have no entry point of that name when the batch runs.
     */
    private static String entryPoint(JsonNode body, String field, DeployedContainer container, KieBase kieBase) {
        String entryPoint = text(body, "entry-point", field);
        if (entryPoint == null || entryPoint.equals(DEFAULT_ENTRY_POINT)) {
            return null;
        }
        // KieBase.getEntryPointIds() lists only the entry points that packages declare, so it misses those that rules
        // name in "from entry-point". The entry point nodes of the Rete network are the ones a session opens.
        if (!(kieBase instanceof InternalRuleBase ruleBase)) {
            return entryPoint;
        }
        Map<EntryPointId, ?> nodes = ruleBase.getRete().getEntryPointNodes();
        if (!nodes.containsKey(new EntryPointId(entryPoint))) {
            List<String> declared = nodes.keySet().stream().map(EntryPointId::getEntryPointId).sorted().toList();
            throw new InvalidFieldException(field + ".entry-point", entryPoint, "unknown entry point '" + entryPoint
                    + "' in " + field + ".entry-point: the rules of container " + container.id() + " read from "
                    + declared + "; leave it out for " + DEFAULT_ENTRY_POINT);
        }
        return entryPoint;
    }

    private static Class<?> filter(JsonNode body, String field, DeployedContainer container) {
        JsonNode filter = body.get("class-object-filter");
        if (filter == null || filter.isNull()) {
            return null;
        }
        // KIE Server 7 sends the class name as {"string": "com.example.Person"}; a plain string is accepted too.
        JsonNode name = filter.isObject() ? filter.get("string") : filter;
        if (name == null || !name.isString()) {
            throw new InvalidFieldException(field + ".class-object-filter", ExactNumbers.forMessage(filter),
                    "class-object-filter must be {\"string\": \"<fully qualified class name>\"}");
        }
        String className = name.asString();
        return container.factClass(className).orElseThrow(() -> new InvalidFieldException(
                field + ".class-object-filter", className, "unknown class '" + className + "' in "
                + field + ".class-object-filter: container " + container.id() + " has no such class"));
    }

    private static BatchCommand query(JsonNode body, String field, DeployedContainer container, KieBase kieBase) {
        String name = text(body, "name", field);
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
                throw new InvalidFieldException(field + ".arguments", ExactNumbers.forMessage(arguments),
                        "arguments must be an array");
            }
            for (int index = 0; index < arguments.size(); index++) {
                values.add(FactMarshaller.read(arguments.get(index), container, field + ".arguments[" + index + "]"));
            }
        }
        requireArgumentCount(declared, values.size(), field, arguments);
        requireArgumentTypes(declared, values, field, arguments);
        return new BatchCommand.Query(name, values.toArray(), outIdentifier(body, field));
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
        throw new InvalidFieldException(field + ".arguments", ExactNumbers.forMessage(arguments),
                "query '" + query.getName() + "' takes " + parameters.length + " argument"
                        + (parameters.length == 1 ? "" : "s") + (names.isEmpty() ? "" : " (" + names + ")")
                        + ", but " + field + ".arguments has " + argumentCount);
    }

    /**
     * Rejects an argument that is not of its parameter's declared type, which Drools would otherwise reject with a
     * RuntimeException when the batch runs. Any number is accepted for a float, double or BigDecimal parameter, but
     * only a whole number in range for a byte, short, int, long or BigInteger one, because Drools would cut
     * {@code -5.5} to -5 and wrap a number beyond the range around.
     */
    private static void requireArgumentTypes(Query query, List<Object> values, String field, JsonNode arguments) {
        if (!(query instanceof QueryImpl compiled)) {
            return;
        }
        Declaration[] parameters = compiled.getParameters();
        for (int index = 0; index < parameters.length; index++) {
            Class<?> type = parameters[index].getDeclarationClass();
            Object value = values.get(index);
            if (type == null) {
                continue;
            }
            String argument = field + ".arguments[" + index + "]";
            String parameter = "query '" + query.getName() + "' parameter " + parameters[index].getIdentifier()
                    + " has type " + type.getName();
            if (!fits(type, value)) {
                throw new InvalidFieldException(argument, ExactNumbers.forMessage(arguments.get(index)), parameter
                        + ", but " + argument + " is a " + value.getClass().getName());
            }
            String misfit = value instanceof Number number && ExactNumbers.isWholeNumberType(type)
                    ? ExactNumbers.misfit(number, type) : null;
            if (misfit != null) {
                throw new InvalidFieldException(argument, ExactNumbers.forMessage(arguments.get(index)), parameter
                        + ", but " + argument + " is " + misfit);
            }
        }
    }

    private static boolean fits(Class<?> type, Object value) {
        Class<?> boxed = MethodType.methodType(type).wrap().returnType();
        if (Number.class.isAssignableFrom(boxed) && value instanceof Number) {
            return true;
        }
        return boxed.isInstance(value);
    }

    private static BatchCommand setGlobal(JsonNode body, String field, DeployedContainer container, KieBase kieBase) {
        String identifier = text(body, "identifier", field);
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
        return new BatchCommand.SetGlobal(identifier, value, outIdentifier(body, field));
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
            throw new InvalidFieldException(field, ExactNumbers.forMessage(object), "global '" + global.getName()
                    + "' has type " + global.getType() + ", but " + field + " is a " + value.getClass().getName());
        }
    }

    /** Accepts the external form as a string, or wrapped as KIE Server writes it in results. */
    private static ExternalFactHandle factHandle(JsonNode sent, String field) {
        JsonNode handle = sent;
        if (handle != null && handle.isObject() && handle.size() == 1) {
            handle = handle.properties().iterator().next().getValue().get("external-form");
        }
        String example = "fact-handle must be the external form of a handle returned by an insert, such as "
                + "\"0:1:1612258304:1612258304:1:DEFAULT:NON_TRAIT:com.example.Person\"";
        if (handle == null || !handle.isString()) {
            throw new InvalidFieldException(field + ".fact-handle", ExactNumbers.forMessage(sent), example);
        }
        try {
            return ExternalFactHandle.parse(handle.asString());
        } catch (IllegalArgumentException malformed) {
            throw new InvalidFieldException(field + ".fact-handle", handle.asString(), malformed.getMessage() + "; "
                    + example);
        }
    }

    private static String outIdentifier(JsonNode body, String field) {
        return text(body, "out-identifier", field);
    }

    /**
     * Returns the string {@code body.name}, or null when it is absent or null. Any other JSON type is rejected.
     *
     * @param field the JSON path of {@code body} in the request, empty for the request itself
     */
    static String text(JsonNode body, String name, String field) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            String path = field.isEmpty() ? name : field + "." + name;
            throw new InvalidFieldException(path, ExactNumbers.forMessage(value),
                    path + " must be a JSON string, got " + value);
        }
        return value.asString();
    }

    private static boolean bool(JsonNode body, String name, boolean absent, String field) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            String path = field + "." + name;
            throw new InvalidFieldException(path, ExactNumbers.forMessage(value),
                    path + " must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private static int integer(JsonNode body, String name, String field) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return -1;
        }
        if (!value.isNumber() || ExactNumbers.misfit(value.numberValue(), int.class) != null) {
            throw new InvalidFieldException(field + "." + name, ExactNumbers.forMessage(value), field + "." + name
                    + " must be a whole number within the range of int");
        }
        return value.asInt();
    }
}
