package io.solomo.decision.ruleset;

import io.solomo.decision.offer.ActiveOfferRules;
import io.solomo.decision.offer.OfferCatalogue;
import io.solomo.decision.ruleset.RuleSetViews.Activation;
import io.solomo.decision.ruleset.RuleSetViews.AuditEntry;
import io.solomo.decision.ruleset.RuleSetViews.FindingView;
import io.solomo.decision.ruleset.RuleSetViews.RuleSetDetail;
import io.solomo.decision.ruleset.RuleSetViews.RuleSetSummary;
import io.solomo.decision.ruleset.RuleSetViews.UploadReport;
import io.solomo.decision.ruleset.RuleSetViews.VersionDetail;
import io.solomo.decision.ruleset.RuleSetViews.VersionSummary;
import io.solomo.decision.SettingChecks;
import io.solomo.decision.store.StoreCatalog;
import io.solomo.decision.web.FrenchDetails;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.decision.web.Problem;
import io.solomo.rules.OfferRuleBase;
import io.solomo.rules.OfferRuleCompiler;
import io.solomo.rules.RuleSetValidator;
import io.solomo.rules.StorePlace;
import io.solomo.rules.TableTooLargeException;
import io.solomo.rules.ValidationReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Uploads, activates and rolls back versions of the rule sets. The only rule set is {@value #OFFERS}, the offer rules
 * that decisions run; its version 1 is the rules bundled in the {@code rules} module.
 *
 * <p>Validation and compilation run on the thread of the upload or activation request, never on a decision request.
 * Activation swaps {@link ActiveOfferRules} in one step; decisions already running keep the rule base they started
 * with until they finish.
 *
 * <p>Nodes behind a load balancer share the database: an activation or rollback on one node reaches the others when
 * {@link ActiveVersionFollower} calls {@link #followActiveVersion()}, which swaps their rules the same way.
 */
@Service
public class RuleSetVersions {

    static final String OFFERS = "offers";
    static final String SYSTEM_ACTOR = "system";

    private static final Logger log = LoggerFactory.getLogger(RuleSetVersions.class);
    // Compiled valid versions waiting for activation, so that activating a fresh upload does not compile it again.
    private static final int MAX_COMPILED_KEPT = 3;

    private final RuleSetRepository ruleSets;
    private final RuleSetVersionRepository versions;
    private final RuleSetFileRepository files;
    private final RuleSetAuditRepository audit;
    private final ActiveOfferRules activeRules;
    private final OfferCatalogue catalogue;
    private final StoreCatalog stores;
    private final RuleSetValidator validator;
    // The validator of new uploads, which rejects a table over solomo.rules.max-table-rows. Stored versions are
    // validated without that limit, so that lowering it never unloads a version already active.
    private final RuleSetValidator uploadValidator;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<Integer, OfferRuleBase> compiled = new ConcurrentHashMap<>();
    private final ReentrantLock switching = new ReentrantLock();
    // The active version of the offers rule set that this node last loaded, or failed to load; changed under switching.
    private volatile Integer followedVersion;

    RuleSetVersions(RuleSetRepository ruleSets, RuleSetVersionRepository versions, RuleSetFileRepository files,
                    RuleSetAuditRepository audit, ActiveOfferRules activeRules, OfferCatalogue catalogue,
                    StoreCatalog stores, ObjectMapper json, TransactionTemplate transaction, Clock clock,
                    @Value("${solomo.rules.max-table-rows:10000}") int maxTableRows) {
        this.ruleSets = ruleSets;
        this.versions = versions;
        this.files = files;
        this.audit = audit;
        this.activeRules = activeRules;
        this.catalogue = catalogue;
        this.stores = stores;
        this.json = json;
        this.transaction = transaction;
        this.clock = clock;
        this.validator = new RuleSetValidator(new OfferRuleCompiler(), new io.solomo.rules.RuleSetCompiler());
        this.uploadValidator = validator.withMaxTableRows(
                (int) SettingChecks.positive("solomo.rules.max-table-rows", maxTableRows));
    }

    /**
     * Validates, compiles and tests the files, and stores them as the next version, valid or not.
     *
     * @throws TableTooLargeException when a table has more rule rows than {@code solomo.rules.max-table-rows}, and
     *                                then nothing is stored
     */
    public UploadReport upload(String rulesetId, Map<String, byte[]> uploaded, String actor) {
        requireKnown(rulesetId);
        // The label that decisions log as their rules version. It is only a guess of the version number until the
        // upload is stored, so a compiled rule base is kept for activation only when the guess held.
        int expectedVersion = versions.lastVersion(rulesetId) + 1;
        ValidationReport report = uploadValidator.validateOffers(rulesetId + "-" + expectedVersion, uploaded,
                knownStores());
        List<FindingView> unknownOffers = UnknownOffers.warnings(ruleText(report, uploaded), catalogue::contains,
                report.offerIdCells());

        UploadReport stored = transaction.execute(status -> {
            RuleSet ruleSet = ruleSets.findForUpdate(rulesetId).orElseThrow();
            int version = versions.lastVersion(rulesetId) + 1;
            UploadReport answer = UploadReport.of(rulesetId, version, report, unknownOffers);
            save(ruleSet.rulesetId(), version, answer, report.ruleCount(), uploaded, actor);
            return answer;
        });
        Objects.requireNonNull(stored);
        if (stored.version() == expectedVersion) {
            report.activatableRules().ifPresent(rules -> keepCompiled(stored.version(), rules));
        }
        log.info("Rule set {} version {} uploaded by {}: {} with {} errors, {} warnings, scenarios {} passed {} failed",
                rulesetId, stored.version(), actor, stored.status(), stored.errors().size(), stored.warnings().size(),
                stored.scenarios().passed(), stored.scenarios().failed());
        return stored;
    }

    /** Returns the stores of the catalogue, at which validation runs the rules and which tables may name. */
    private List<StorePlace> knownStores() {
        return stores.findAll().stream().map(store -> new StorePlace(store.storeId(), store.chain())).toList();
    }

    /** Returns the DRL of each rule file of an upload: generated for tables, as uploaded for DRL files. */
    private static Map<String, String> ruleText(ValidationReport report, Map<String, byte[]> uploaded) {
        Map<String, String> texts = new LinkedHashMap<>(report.generatedDrl());
        uploaded.forEach((path, content) -> {
            if (path != null && path.endsWith(".drl") && content != null) {
                texts.put(path, new String(content, StandardCharsets.UTF_8));
            }
        });
        return texts;
    }

    /** Makes a valid version the one decisions use, compiling it first when it is not compiled yet. */
    public Activation activate(String rulesetId, int version, String actor) {
        return switchTo(rulesetId, version, actor, "ACTIVATE");
    }

    /**
     * Switches back to an earlier version: the given one, or the version active before the current one.
     *
     * @param version the version to return to, or null for the previous active version
     */
    public Activation rollback(String rulesetId, Integer version, String actor) {
        RuleSet ruleSet = requireKnown(rulesetId);
        Integer target = version != null ? version : ruleSet.previousVersion();
        if (target == null) {
            throw new InvalidFieldException("version", null, "rule set " + rulesetId + " has no earlier active version "
                    + "to roll back to; send {\"version\": N} with the version N to return to", "Le jeu de règles "
                    + rulesetId + " n’a pas de version active antérieure où revenir ; envoyez {\"version\": N} avec "
                    + "le numéro N de la version à rétablir.");
        }
        if (ruleSet.activeVersion() != null && target >= ruleSet.activeVersion()) {
            if (version == null) {
                throw new InvalidFieldException("version", null, "rule set " + rulesetId + " remembers only the "
                        + "version active before " + ruleSet.activeVersion() + ", which is " + target + ", a later "
                        + "one; send {\"version\": N} with the earlier version N to return to, or activate " + target,
                        "Le jeu de règles " + rulesetId + " ne garde que la version active avant la "
                        + ruleSet.activeVersion() + ", la " + target + ", qui est plus récente ; envoyez "
                        + "{\"version\": N} avec le numéro N d’une version antérieure, ou activez la " + target + ".");
            }
            throw new InvalidFieldException("version", target, "a rollback returns to a version earlier than the "
                    + "active version " + ruleSet.activeVersion() + "; use activate for a later one", "Un retour "
                    + "arrière rétablit une version antérieure à la version active " + ruleSet.activeVersion()
                    + " ; pour une version plus récente, utilisez l’activation.");
        }
        return switchTo(rulesetId, target, actor, "ROLLBACK");
    }

    private Activation switchTo(String rulesetId, int version, String actor, String action) {
        requireKnown(rulesetId);
        RuleSetVersion target = requireVersion(rulesetId, version);
        if (target.status() != VersionStatus.VALID) {
            log.warn("Rejected the {} of rule set {} version {}: the version is INVALID", action, rulesetId, version);
            throw Problem.of(HttpStatus.CONFLICT, "state-conflict", "State conflict", "version " + version
                            + " of rule set " + rulesetId + " is INVALID and cannot be activated. Fix the errors in "
                            + "its report and upload a new version.")
                    .fr("La version " + version + " du jeu de règles " + rulesetId + " est INVALID et ne peut "
                            + "pas être activée. Corrigez les erreurs de son rapport et envoyez une nouvelle version.")
                    .field("version", version)
                    .exception();
        }

        switching.lock();
        try {
            OfferRuleBase rules = compiled.containsKey(version) ? compiled.get(version) : compile(target);
            Activation activation = transaction.execute(status -> {
                RuleSet ruleSet = ruleSets.findForUpdate(rulesetId).orElseThrow();
                ruleSet.activate(version, clock.instant());
                audit.save(new RuleSetAudit(rulesetId, version, action, actor, clock.instant(),
                        auditDetail(action, version, rules.ruleCount())));
                return new Activation(rulesetId, version, ruleSet.previousVersion(), rules.ruleCount());
            });
            activeRules.activate(rules);
            followedVersion = version;
            log.info("Rule set {} version {} is active ({} by {}, {} rules)", rulesetId, version, action, actor,
                    rules.ruleCount());
            return activation;
        } finally {
            switching.unlock();
        }
    }

    /**
     * Stores the bundled rules as version 1 on the first start, then loads the active version, so that an activation
     * survives a restart. A version that no longer compiles leaves the bundled rules in place and is logged as an error.
     */
    void loadAtStart() {
        switching.lock();
        try {
            seedOrLoad();
        } finally {
            switching.unlock();
        }
    }

    private void seedOrLoad() {
        OfferRuleBase seeded = transaction.execute(status -> {
            if (ruleSets.existsById(OFFERS)) {
                return null;
            }
            Instant now = clock.instant();
            RuleSet ruleSet = ruleSets.save(new RuleSet(OFFERS, now));
            ValidationReport report = validator.validateOffers(OFFERS + "-1", OfferRuleCompiler.bundledFiles());
            save(OFFERS, 1, UploadReport.of(OFFERS, 1, report, List.of()), report.ruleCount(),
                    OfferRuleCompiler.bundledFiles(),
                    SYSTEM_ACTOR);
            ruleSet.activate(1, now);
            audit.save(new RuleSetAudit(OFFERS, 1, "ACTIVATE", SYSTEM_ACTOR, now, "the rules bundled with the server"));
            return report.activatableRules().orElseThrow(() -> new IllegalStateException("the bundled offer rules "
                    + "are invalid: " + report.errors()));
        });
        if (seeded != null) {
            activeRules.activate(seeded);
            followedVersion = 1;
            log.info("Rule set {} version 1 stored from the bundled rules and active", OFFERS);
            return;
        }

        RuleSet ruleSet = ruleSets.findById(OFFERS).orElseThrow();
        if (ruleSet.activeVersion() == null) {
            return;
        }
        followedVersion = ruleSet.activeVersion();
        try {
            activeRules.activate(compile(requireVersion(OFFERS, ruleSet.activeVersion())));
            log.info("Rule set {} version {} loaded at start", OFFERS, ruleSet.activeVersion());
        } catch (IllegalStateException invalid) {
            log.error("Rule set {} active version {} is no longer valid, so the bundled rules stay in use: {}", OFFERS,
                    ruleSet.activeVersion(), invalid.getMessage());
        }
    }

    /**
     * Loads the active version of the offers rule set when the shared database names another one than this node last
     * loaded, because an analyst activated or rolled back through another node. The swap is the same as for an
     * activation here: compiled first, off the request path, then replaced in one step.
     *
     * @return true when this node switched to another version
     */
    boolean followActiveVersion() {
        Integer active = ruleSets.findActiveVersion(OFFERS).orElse(null);
        if (active == null || active.equals(followedVersion)) {
            return false;
        }

        switching.lock();
        try {
            // Read again under the lock: an activation on this node may have loaded it meanwhile.
            active = ruleSets.findActiveVersion(OFFERS).orElse(null);
            if (active == null || active.equals(followedVersion)) {
                return false;
            }
            Integer before = followedVersion;
            OfferRuleBase rules;
            try {
                rules = compiled.containsKey(active) ? compiled.get(active) : compile(requireVersion(OFFERS, active));
            } catch (IllegalStateException invalid) {
                followedVersion = active;
                log.error("Rule set {} version {} was activated on another node but is not valid here, so version {} "
                        + "stays in use: {}", OFFERS, active, before, invalid.getMessage());
                return false;
            }
            activeRules.activate(rules);
            followedVersion = active;
            log.info("Rule set {} version {} activated on another node is now active here, replacing version {} ({} "
                    + "rules)", OFFERS, active, before, rules.ruleCount());
            return true;
        } finally {
            switching.unlock();
        }
    }

    public List<RuleSetSummary> list() {
        return ruleSets.findAll().stream()
                .map(ruleSet -> new RuleSetSummary(ruleSet.rulesetId(), ruleSet.activeVersion(),
                        ruleSet.previousVersion(), versions.lastVersion(ruleSet.rulesetId())))
                .toList();
    }

    public RuleSetDetail detail(String rulesetId) {
        RuleSet ruleSet = requireKnown(rulesetId);
        List<VersionSummary> history = versions.findByRulesetIdOrderByVersionDesc(rulesetId).stream()
                .map(version -> new VersionSummary(version.version(), version.status(), version.ruleCount(),
                        version.uploadedBy(), version.uploadedAt(),
                        Objects.equals(ruleSet.activeVersion(), version.version())))
                .toList();
        List<AuditEntry> changes = audit.findByRulesetIdOrderByRecordedAtDescIdDesc(rulesetId).stream()
                .map(entry -> new AuditEntry(entry.version(), entry.action(), entry.actor(), entry.recordedAt(),
                        entry.detail()))
                .toList();
        return new RuleSetDetail(rulesetId, ruleSet.activeVersion(), ruleSet.previousVersion(), history, changes);
    }

    public VersionDetail version(String rulesetId, int version) {
        requireKnown(rulesetId);
        RuleSetVersion stored = requireVersion(rulesetId, version);
        UploadReport report = json.readValue(stored.reportJson(), UploadReport.class);
        List<String> paths = files.findByVersionIdOrderByPath(stored.id()).stream().map(RuleSetFile::path).toList();
        return new VersionDetail(report, stored.ruleCount(), stored.uploadedBy(), stored.uploadedAt(), paths);
    }

    /** Returns a file of a version byte for byte as uploaded. */
    public byte[] file(String rulesetId, int version, String path) {
        requireKnown(rulesetId);
        return filesOf(requireVersion(rulesetId, version)).entrySet().stream()
                .filter(file -> file.getKey().equals(path))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("file", "path", path,
                        "La version " + version + " n’a aucun fichier au chemin " + FrenchDetails.quoted(path) + "."));
    }

    /** Returns the DRL of each rule file of a version, generated for decision tables. */
    public Map<String, String> ruleText(String rulesetId, int version) {
        requireKnown(rulesetId);
        return validator.ruleText(filesOf(requireVersion(rulesetId, version)));
    }

    /** Returns a unified diff of the DRL of two versions; a missing {@code from} version is reported as field from. */
    public String diff(String rulesetId, int from, int to) {
        requireKnown(rulesetId);
        Map<String, String> before = validator.ruleText(filesOf(requireVersion(rulesetId, from, "from")));
        Map<String, String> after = ruleText(rulesetId, to);
        return DrlDiff.of("v" + from, before, "v" + to, after);
    }

    private OfferRuleBase compile(RuleSetVersion version) {
        String label = version.rulesetId() + "-" + version.version();
        ValidationReport report = validator.revalidateStoredOffers(label, filesOf(version));
        return report.activatableRules().orElseThrow(() -> new IllegalStateException("rule set " + label
                + " is no longer valid: " + report.errors()));
    }

    private Map<String, byte[]> filesOf(RuleSetVersion version) {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (RuleSetFile file : files.findByVersionIdOrderByPath(version.id())) {
            contents.put(file.path(), file.content());
        }
        return contents;
    }

    private void save(String rulesetId, int version, UploadReport report, int ruleCount, Map<String, byte[]> uploaded,
                      String actor) {
        Instant now = clock.instant();
        RuleSetVersion stored = versions.save(new RuleSetVersion(rulesetId, version, report.status(), ruleCount, actor,
                now, json.writeValueAsString(report)));
        uploaded.forEach((path, content) -> files.save(new RuleSetFile(stored.id(), path, content)));
        audit.save(new RuleSetAudit(rulesetId, version, "UPLOAD", actor, now, report.status() + ", "
                + counted(report.errors().size(), "error") + ", " + counted(uploaded.size(), "file")));
    }

    private void keepCompiled(int version, OfferRuleBase rules) {
        compiled.put(version, rules);
        compiled.keySet().stream().sorted().limit(Math.max(0, compiled.size() - MAX_COMPILED_KEPT)).toList()
                .forEach(compiled::remove);
    }

    private RuleSet requireKnown(String rulesetId) {
        return ruleSets.findById(rulesetId).orElseThrow(() -> new NotFoundException("rule set", "rulesetId",
                rulesetId, "Aucun jeu de règles n’a l’identifiant " + FrenchDetails.quoted(rulesetId) + "."));
    }

    private RuleSetVersion requireVersion(String rulesetId, int version) {
        return requireVersion(rulesetId, version, "version");
    }

    /** @param field the path variable or parameter that named the version, reported when it does not exist */
    private RuleSetVersion requireVersion(String rulesetId, int version, String field) {
        return versions.findByRulesetIdAndVersion(rulesetId, version)
                .orElseThrow(() -> new NotFoundException("version", field, String.valueOf(version),
                        "Le jeu de règles " + rulesetId + " n’a pas de version " + version + "."));
    }

    /** Returns a count with its noun in the singular or plural, such as "1 error" or "3 files". */
    private static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** Returns the history line of an activation or rollback, such as "rolled back to version 3 with 9 rules". */
    private static String auditDetail(String action, int version, int ruleCount) {
        String verb = action.equals("ROLLBACK") ? "rolled back to version " : "activated version ";
        return verb + version + " with " + ruleCount + " rules";
    }
}
