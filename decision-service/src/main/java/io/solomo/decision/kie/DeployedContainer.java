package io.solomo.decision.kie;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.rules.WarmUpGate;
import org.kie.api.KieBase;
import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.builder.model.KieSessionModel.KieSessionType;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieContainerSessionsPool;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A KIE container created from a kjar: its release id, the Drools {@link KieContainer}, the ksessions its
 * {@code kmodule.xml} declares, and the shared stateful sessions a caller asked for explicitly.
 *
 * <p>A batch keeps the container in use while it runs ({@link #hold()}). A container replaced or disposed through the API
 * is retired, and its Drools resources are disposed when the last batch holding it ends, so that no batch fails
 * because the container changed under it.
 */
final class DeployedContainer {

    // Value classes a batch may name besides the kjar's own classes. Other classes of the server are refused, so a
    // request can never make Jackson build an arbitrary server object.
    private static final Map<String, Class<?>> VALUE_CLASSES = Map.ofEntries(
            Map.entry("java.lang.String", String.class), Map.entry("java.lang.Boolean", Boolean.class),
            Map.entry("java.lang.Integer", Integer.class), Map.entry("java.lang.Long", Long.class),
            Map.entry("java.lang.Double", Double.class), Map.entry("java.lang.Float", Float.class),
            Map.entry("java.lang.Short", Short.class), Map.entry("java.math.BigDecimal", BigDecimal.class),
            Map.entry("java.math.BigInteger", BigInteger.class));

    // Sessions a pool makes at once; it grows on demand beyond that.
    private static final int POOL_INITIAL_SIZE = 8;

    // Batches of a new container that run one at a time, so that Drools compiles its constraints (WarmUpGate).
    private static final int WARM_UP_BATCHES = 500;

    private static final ClassLoader SERVICE_CLASS_LOADER = DeployedContainer.class.getClassLoader();

    private final String id;
    private final KieReleaseId releaseId;
    private final String alias;
    private final KieContainer kieContainer;
    private final Instant createdAt;
    private final String createdMessage;
    private final Map<String, KieSessionModel> sessions;
    private final ConcurrentMap<String, Class<?>> factClasses = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, KieSession> sharedSessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SessionPool> sessionPools = new ConcurrentHashMap<>();
    private final WarmUpGate warmUp = new WarmUpGate(WARM_UP_BATCHES);
    // The batches holding the container, plus one until it is retired. At 0 it is disposed and can no longer be held.
    private final AtomicInteger batchHolds = new AtomicInteger(1);

    DeployedContainer(String id, KieReleaseId releaseId, String alias, KieContainer kieContainer, Instant createdAt,
                      String createdMessage) {
        this.id = id;
        this.releaseId = releaseId;
        this.alias = alias;
        this.kieContainer = kieContainer;
        this.createdAt = createdAt;
        this.createdMessage = createdMessage;
        this.sessions = sessionModels(kieContainer);
    }

    String id() {
        return id;
    }

    KieReleaseId releaseId() {
        return releaseId;
    }

    String alias() {
        return alias;
    }

    Instant createdAt() {
        return createdAt;
    }

    String createdMessage() {
        return createdMessage;
    }

    KieContainer kieContainer() {
        return kieContainer;
    }

    /**
     * Finds a class the kjar defines (compiled classes and DRL {@code declare}d types) or one of a few JDK value
     * classes. Classes of the server itself and of its libraries are never returned.
     */
    Optional<Class<?>> factClass(String className) {
        Class<?> known = factClasses.get(className);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Class<?>> found = loadFactClass(className);
        found.ifPresent(type -> factClasses.put(className, type));
        return found;
    }

    /**
     * Returns the ksession that {@code lookup} names, or the default one when it is null: the default stateful
     * ksession if {@code kmodule.xml} declares one, else the default stateless ksession.
     *
     * @throws InvalidFieldException when no ksession has that name, or there is no default
     */
    KieSessionModel session(String lookup) {
        if (lookup != null) {
            KieSessionModel model = sessions.get(lookup);
            if (model == null) {
                throw new InvalidFieldException("lookup", lookup, "container " + id + " has no ksession '" + lookup
                        + "'; its kmodule.xml declares " + sessions.keySet());
            }
            return model;
        }
        return defaultSession(KieSessionType.STATEFUL)
                .or(() -> defaultSession(KieSessionType.STATELESS))
                .orElseThrow(() -> new InvalidFieldException("lookup", null, "container " + id + " declares no "
                        + "default ksession; name one of " + sessions.keySet() + " in lookup"));
    }

    KieBase kieBase(KieSessionModel session) {
        return kieContainer.getKieBase(session.getKieBaseModel().getName());
    }

    /**
     * Opens a session of its own for one batch; the caller disposes it. A stateless ksession gets a plain session of
     * its KIE base, because batch commands need fact handles and queries.
     *
     * <p>A pooled session comes from a pool kept per ksession, and disposing it resets it and hands it back, which
     * saves building the session's node memories again for every batch. A batch that sets globals gets a fresh
     * session instead, so that no global can outlive its batch in a pooled one.
     */
    KieSession newSession(KieSessionModel session, boolean pooled) {
        if (!pooled) {
            return session.getType() == KieSessionType.STATEFUL
                    ? kieContainer.newKieSession(session.getName()) : kieBase(session).newKieSession();
        }
        return sessionPools.computeIfAbsent(session.getName(), name -> session.getType() == KieSessionType.STATEFUL
                        ? new SessionPool(kieContainer.newKieSessionsPool(POOL_INITIAL_SIZE), name)
                        : new SessionPool(kieBase(session).newKieSessionsPool(POOL_INITIAL_SIZE), null))
                .open();
    }

    /**
     * Returns the stateful session shared by every batch that requests it for this ksession, created on first use and kept until
     * the container is disposed or its release id changes. Callers must hold the session's lock while using it.
     */
    KieSession sharedSession(KieSessionModel session) {
        if (session.getType() != KieSessionType.STATEFUL) {
            throw new InvalidFieldException("lookup", session.getName(), "ksession '" + session.getName()
                    + "' is stateless; a shared session needs a ksession declared type=\"stateful\" in kmodule.xml");
        }
        return sharedSessions.computeIfAbsent(session.getName(), kieContainer::newKieSession);
    }

    /** Runs a batch, alone while the container is new; see {@link WarmUpGate}. */
    <T> T run(Supplier<T> batch) {
        return warmUp.run(batch);
    }

    List<String> sessionNames() {
        return List.copyOf(sessions.keySet());
    }

    /**
     * Holds the container for one batch, which then calls {@link #release()}. Returns false when the container is
     * retired and disposed: the caller looks the container id up again.
     */
    boolean hold() {
        int current = batchHolds.get();
        while (current > 0) {
            if (batchHolds.compareAndSet(current, current + 1)) {
                return true;
            }
            current = batchHolds.get();
        }
        return false;
    }

    /** Ends a hold, and disposes the container when it is retired and this was the last batch holding it. */
    void release() {
        if (batchHolds.decrementAndGet() == 0) {
            dispose();
        }
    }

    /**
     * Takes the container out of service, once, after it left the server's map. It is disposed now, or when the last
     * batch holding it ends.
     */
    void retire() {
        release();
    }

    private void dispose() {
        sharedSessions.values().forEach(session -> {
            synchronized (session) {
                session.dispose();
            }
        });
        sharedSessions.clear();
        sessionPools.values().forEach(pool -> pool.pool().shutdown());
        sessionPools.clear();
        kieContainer.dispose();
    }

    private Optional<Class<?>> loadFactClass(String className) {
        Class<?> value = VALUE_CLASSES.get(className);
        if (value != null) {
            return Optional.of(value);
        }
        try {
            Class<?> type = Class.forName(className, false, kieContainer.getClassLoader());
            return definedByServer(type) ? Optional.empty() : Optional.of(type);
        } catch (ClassNotFoundException | LinkageError notInKjar) {
            return Optional.empty();
        }
    }

    private static boolean definedByServer(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        for (ClassLoader server = SERVICE_CLASS_LOADER; server != null; server = server.getParent()) {
            if (loader == server) {
                return true;
            }
        }
        return loader == null;
    }

    private Optional<KieSessionModel> defaultSession(KieSessionType type) {
        return sessions.values().stream().filter(model -> model.isDefault() && model.getType() == type).findFirst();
    }

    /** A pool of a KIE base's sessions ({@code name} null) or of one ksession the container declares. */
    private record SessionPool(KieSessionsPool pool, String name) {

        KieSession open() {
            return name == null ? pool.newKieSession() : ((KieContainerSessionsPool) pool).newKieSession(name);
        }
    }

    private static Map<String, KieSessionModel> sessionModels(KieContainer kieContainer) {
        Map<String, KieSessionModel> models = new LinkedHashMap<>();
        for (String kieBase : kieContainer.getKieBaseNames()) {
            for (String session : kieContainer.getKieSessionNamesInKieBase(kieBase)) {
                models.put(session, kieContainer.getKieSessionModel(session));
            }
        }
        return models;
    }
}
