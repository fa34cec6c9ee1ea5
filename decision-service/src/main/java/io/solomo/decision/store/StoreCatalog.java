package io.solomo.decision.store;

import io.solomo.decision.SettingChecks;
import io.solomo.decision.security.StoreScope;
import io.solomo.decision.web.InvalidFieldException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Imports, stores and looks up stores, and keeps the geofence index in step with the database. */
@Service
public class StoreCatalog {

    private static final Logger log = LoggerFactory.getLogger(StoreCatalog.class);

    private final StoreRepository stores;
    private final GeofenceIndex index;
    private final GeoJsonStoreReader reader;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final EntityManager entityManager;
    private volatile Map<String, Store> storesById;
    private volatile StoreRepository.Version loadedVersion;

    StoreCatalog(StoreRepository stores, GeofenceIndex index, ObjectMapper mapper, TransactionTemplate transaction,
                 Clock clock, ApplicationEventPublisher events, EntityManager entityManager,
                 @Value("${solomo.stores.default-radius-meters:100}") double defaultRadiusMeters,
                 @Value("${solomo.default-time-zone:Europe/Paris}") String defaultTimeZone) {
        this.stores = stores;
        this.index = index;
        this.reader = new GeoJsonStoreReader(mapper,
                SettingChecks.positive("solomo.stores.default-radius-meters", defaultRadiusMeters),
                SettingChecks.zoneId("solomo.default-time-zone", defaultTimeZone));
        this.transaction = transaction;
        this.clock = clock;
        this.events = events;
        this.entityManager = entityManager;
        loadedVersion = stores.version();
        List<Store> all = stores.findAll();
        index.rebuild(all);
        storesById = byId(all);
    }

    /**
     * Imports the stores of a GeoJSON FeatureCollection, creating new ones and replacing those with the same id,
     * then swaps the geofence index.
     */
    public StoreImportReport importGeoJson(byte[] geoJson, String source) {
        GeoJsonStoreReader.Result result = reader.read(geoJson, clock.instant());
        transaction.executeWithoutResult(status -> stores.saveAll(result.stores()));
        rebuildIndex();
        log.info("Imported {} stores from {}, rejected {}", result.stores().size(), source, result.rejected().size());
        return new StoreImportReport(result.stores().size(), result.rejected());
    }

    /** Imports the stores of a GeoJSON file. */
    public StoreImportReport importFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new InvalidFieldException("solomo.stores.import-file", file.toString(),
                    "the store file is missing or unreadable");
        }
        try {
            return importGeoJson(Files.readAllBytes(file), file.toString());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("could not read the store file " + file, unreadable);
        }
    }

    /**
     * Deletes a store and swaps the geofence index; devices inside its geofence get an exit.
     *
     * @return false when no store has that id
     */
    public boolean delete(String storeId) {
        Boolean deleted = transaction.execute(status -> {
            if (!stores.existsById(storeId)) {
                return false;
            }
            stores.deleteById(storeId);
            return true;
        });
        if (Boolean.TRUE.equals(deleted)) {
            rebuildIndex();
            log.info("Deleted store {}", storeId);
        }
        return Boolean.TRUE.equals(deleted);
    }

    /** Returns every store. */
    public List<Store> findAll() {
        return stores.findAll();
    }

    /**
     * Returns a page of at most {@code limit} stores ordered by id, read from the database so that stores imported
     * or deleted on another node count at once.
     *
     * @param chain        the chain the stores must have, or null for any chain
     * @param scope        the scope the stores must be in, or null for every store
     * @param afterStoreId the page starts at the first id above this one, or at the first store for null
     */
    public List<Store> list(String chain, StoreScope scope, String afterStoreId, int limit) {
        StringBuilder jpql = new StringBuilder("select s from Store s where 1 = 1");
        if (chain != null) {
            jpql.append(" and s.chain = :chain");
        }
        if (afterStoreId != null) {
            jpql.append(" and s.storeId > :after");
        }
        if (scope != null) {
            jpql.append(scopeCondition(scope));
        }
        jpql.append(" order by s.storeId");

        TypedQuery<Store> query = entityManager.createQuery(jpql.toString(), Store.class).setMaxResults(limit);
        if (chain != null) {
            query.setParameter("chain", chain);
        }
        if (afterStoreId != null) {
            query.setParameter("after", afterStoreId);
        }
        if (scope != null && !scope.storeIds().isEmpty()) {
            query.setParameter("scopeStoreIds", scope.storeIds());
        }
        if (scope != null && !scope.chains().isEmpty()) {
            query.setParameter("scopeChains", scope.chains());
        }
        return query.getResultList();
    }

    /** Returns the condition on a scope's stores, leaving out an empty set since SQL has no empty IN list. */
    private static String scopeCondition(StoreScope scope) {
        if (scope.storeIds().isEmpty() && scope.chains().isEmpty()) {
            return " and 1 = 0";
        }
        if (scope.chains().isEmpty()) {
            return " and s.storeId in :scopeStoreIds";
        }
        if (scope.storeIds().isEmpty()) {
            return " and s.chain in :scopeChains";
        }
        return " and (s.storeId in :scopeStoreIds or s.chain in :scopeChains)";
    }

    private void rebuildIndex() {
        loadedVersion = stores.version();
        List<Store> all = stores.findAll();
        index.rebuild(all);
        storesById = byId(all);
        events.publishEvent(new GeofencesRebuilt(index.storeIds()));
    }

    /**
     * Returns the store with this id from the in-memory copy of the catalogue, else from the database, where a store
     * imported on another node since the last reload already is. The store returned must not be changed.
     */
    public Optional<Store> find(String storeId) {
        Store known = storesById.get(storeId);
        return known != null ? Optional.of(known) : stores.findById(storeId);
    }

    /**
     * Returns those of the ids that name no store. The in-memory copy settles the ids it contains, and one database
     * query checks the others, such as a store imported on another node since the last reload.
     */
    public Set<String> unknownIds(Collection<String> storeIds) {
        Set<String> unknown = new HashSet<>();
        for (String storeId : storeIds) {
            if (!storesById.containsKey(storeId)) {
                unknown.add(storeId);
            }
        }
        if (!unknown.isEmpty()) {
            stores.findAllById(unknown).forEach(store -> unknown.remove(store.storeId()));
        }
        return unknown;
    }

    /**
     * Reloads the in-memory copy of the stores that {@link #find} reads, so that a store changed or deleted on
     * another node is seen here within {@code solomo.stores.refresh-interval}. The geofence index is left as it is.
     * Reading and building every store is costly with tens of thousands of them, so a reload runs only when the count
     * or the latest import time has changed.
     */
    @Scheduled(initialDelayString = "${solomo.stores.refresh-interval:PT5S}",
            fixedDelayString = "${solomo.stores.refresh-interval:PT5S}")
    void reloadStores() {
        // Read before the stores, so that a change landing in between is reloaded at the next poll.
        StoreRepository.Version current = stores.version();
        if (current.equals(loadedVersion)) {
            return;
        }
        storesById = byId(stores.findAll());
        loadedVersion = current;
    }

    private static Map<String, Store> byId(List<Store> all) {
        Map<String, Store> byId = new HashMap<>();
        for (Store store : all) {
            byId.put(store.storeId(), store);
        }
        return Map.copyOf(byId);
    }
}
