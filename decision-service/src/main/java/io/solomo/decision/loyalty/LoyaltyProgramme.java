package io.solomo.decision.loyalty;

import io.solomo.decision.profile.ConflictRetry;
import io.solomo.decision.profile.Customer;
import io.solomo.decision.profile.CustomerDirectory;
import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.loyalty.LoyaltyAction;
import io.solomo.model.loyalty.PointsAward;
import io.solomo.rules.LoyaltyRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The loyalty programme: credits the points the loyalty rules award, lets customers spend them, expires balances
 * after inactivity, and raises tiers as lifetime points grow. Each operation runs in its own transaction and is
 * retried by {@link ConflictRetry} when a concurrent one changed or opened the same account first. The ledger check
 * inside keeps a retried credit from counting twice.
 */
@Service
public class LoyaltyProgramme {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyProgramme.class);
    private static final int BATCH_ATTEMPTS = 3;
    /** Reason of a spending sent without one, and of every spending of a customer whose data was erased. */
    public static final String DEFAULT_SPEND_REASON = "Points spent";
    /** Reference of an expiry: this prefix, then the instant of the account's last activity. */
    static final String EXPIRY_REFERENCE_PREFIX = "inactive-since-";

    private final LoyaltyAccountRepository accounts;
    private final LoyaltyEntryRepository ledger;
    private final CustomerDirectory customers;
    private final LoyaltySettings settings;
    private final StoreRegulars regulars;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final LoyaltyRules rules = LoyaltyRules.bundled();

    LoyaltyProgramme(LoyaltyAccountRepository accounts, LoyaltyEntryRepository ledger, CustomerDirectory customers,
                     LoyaltySettings settings, StoreRegulars regulars, TransactionTemplate transaction,
                     Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.customers = customers;
        this.settings = settings;
        this.regulars = regulars;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Credits the points the rules award for the action, once per customer, action type and reference.
     *
     * @return the points credited now: 0 when no rule rewards the action or when it was credited before
     */
    public int credit(LoyaltyAction action) {
        return creditAll(List.of(action)).get(0);
    }

    /**
     * Credits the points of several actions in one transaction, each once per customer, action type and reference.
     * When one of them fails, none is credited: callers that must not lose the others credit them one at a time.
     * A batch lost to concurrent writers is tried three times, a single action as often as {@link ConflictRetry}
     * allows.
     *
     * @return the points credited now per action, in order
     */
    public List<Integer> creditAll(List<LoyaltyAction> actions) {
        List<Credit> credits = new ArrayList<>(actions.size());
        for (LoyaltyAction action : actions) {
            List<PointsAward> awards = rules.awardsFor(action);
            credits.add(new Credit(action, totalPoints(awards),
                    awards.stream().map(PointsAward::getRuleName).collect(Collectors.joining("; "))));
        }
        if (credits.stream().allMatch(credit -> credit.points() == 0)) {
            // Nothing to write, but an action of an unknown customer is still a 404, as when it earns points.
            actions.forEach(action -> customerOf(action.getCustomerId()));
            return credits.stream().map(credit -> 0).toList();
        }
        boolean single = actions.size() == 1;
        String description = single ? "loyalty credit of " + actions.get(0).getReference()
                : "loyalty credit of " + actions.size() + " actions";
        Supplier<List<Integer>> work = () -> {
            List<Integer> credited = new ArrayList<>(credits.size());
            for (Credit credit : credits) {
                credited.add(credit.points() == 0 ? 0 : creditInTransaction(credit));
            }
            return credited;
        };
        // A batch gets few attempts, because its caller then credits the actions one at a time.
        return single ? ConflictRetry.inTransaction(transaction, description, work)
                : ConflictRetry.inTransaction(transaction, description, BATCH_ATTEMPTS, work);
    }

    private int creditInTransaction(Credit credit) {
        LoyaltyAction action = credit.action();
        Customer customer = customerOf(action.getCustomerId());
        if (ledger.existsByCustomerIdAndKindAndActionAndReference(customer.customerId(),
                LoyaltyEntry.Kind.EARNED, action.getType().name(), action.getReference())) {
            return 0;
        }
        Instant now = clock.instant();
        LoyaltyAccount account = accountOf(customer, now);
        account.earn(credit.points(), now);
        ledger.save(new LoyaltyEntry(customer.customerId(), LoyaltyEntry.Kind.EARNED, credit.points(),
                action.getType().name(), action.getReference(), credit.reason(), now));
        raiseTier(customer, account);
        accounts.save(account);
        log.info("Credited {} points to customer {} for {} {}", credit.points(), customer.customerId(),
                action.getType(), action.getReference());
        return credit.points();
    }

    /** Returns the points the rules would award for the action, without crediting them. */
    public int pointsFor(LoyaltyAction action) {
        return totalPoints(rules.awardsFor(action));
    }

    /** Adds up the awards, failing with an ArithmeticException rather than wrapping past the int range. */
    private static int totalPoints(List<PointsAward> awards) {
        return awards.stream().mapToInt(PointsAward::getPoints).reduce(0, Math::addExact);
    }

    /**
     * Spends points from the balance, once per reference. Repeating a spending with the same points and reason
     * spends nothing more.
     *
     * @throws InvalidFieldException when the points are not positive
     * @throws org.springframework.web.ErrorResponseException a 409 problem when the points exceed the balance, or
     *         when the reference was used before for other points or another reason
     */
    public Statement spend(String customerId, int points, String reference, String reason) {
        if (points <= 0) {
            throw new InvalidFieldException("points", points, "points must be a positive number, got " + points);
        }
        return ConflictRetry.inTransaction(transaction, "loyalty spending " + reference, () -> {
            Customer customer = customerOf(customerId);
            Optional<LoyaltyEntry> earlier = ledger.findByCustomerIdAndKindAndActionAndReference(
                    customer.customerId(), LoyaltyEntry.Kind.SPENT, "SPEND", reference);
            if (earlier.isPresent()) {
                List<String> differences = new ArrayList<>();
                if (earlier.get().points() != points) {
                    differences.add("points");
                }
                if (!earlier.get().reason().equals(reason)) {
                    differences.add("reason");
                }
                if (!differences.isEmpty()) {
                    throw LoyaltyConflicts.spendReferenceReused(customer.customerId(), reference, differences);
                }
            } else {
                Instant now = clock.instant();
                LoyaltyAccount account = accountOf(customer, now);
                if (points > account.balance()) {
                    throw LoyaltyConflicts.insufficientPoints(customer.customerId(), points, account.balance());
                }
                account.spend(points, now);
                ledger.save(new LoyaltyEntry(customer.customerId(), LoyaltyEntry.Kind.SPENT, points, "SPEND",
                        reference, reason, now));
                accounts.save(account);
                log.info("Customer {} spent {} points for {}", customer.customerId(), points, reference);
            }
            return statementOf(customer);
        });
    }

    /** Expires the balance of every account without activity for the configured period; returns how many. */
    public int expireInactive() {
        Instant now = clock.instant();
        Instant cutoff = now.atZone(ZoneOffset.UTC).minus(settings.expireAfter()).toInstant();
        List<LoyaltyAccount> inactive = accounts.findByLastActivityBeforeAndBalanceGreaterThan(cutoff, 0);
        int expired = 0;
        for (LoyaltyAccount candidate : inactive) {
            String reference = EXPIRY_REFERENCE_PREFIX + candidate.lastActivity();
            Boolean done = ConflictRetry.inTransaction(transaction, "loyalty expiry of " + candidate.customerId(), () -> {
                LoyaltyAccount account = accounts.findById(candidate.customerId()).orElseThrow();
                if (!account.lastActivity().isBefore(cutoff) || account.balance() == 0) {
                    return false;
                }
                long points = account.expire();
                ledger.save(new LoyaltyEntry(account.customerId(), LoyaltyEntry.Kind.EXPIRED, (int) points,
                        "EXPIRY", reference, "No activity since " + account.lastActivity(), now));
                accounts.save(account);
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                expired++;
            }
        }
        if (expired > 0) {
            log.info("Expired the balances of {} inactive loyalty accounts", expired);
        }
        return expired;
    }

    /** Returns the balance, tier and full ledger of a customer, newest line first. */
    public Statement statement(String customerId) {
        return transaction.execute(status -> statementOf(customerOf(customerId)));
    }

    private Statement statementOf(Customer customer) {
        LoyaltyAccount account = accounts.findById(customer.customerId()).orElse(null);
        List<Statement.Line> lines = ledger.findByCustomerIdOrderByRecordedAtDescIdDesc(customer.customerId())
                .stream()
                .map(entry -> new Statement.Line(entry.id(), entry.kind().name(), entry.points(), entry.action(),
                        entry.reference(),
                        LoyaltyReasons.english(entry.kind(), entry.reference(), entry.reason(), customer.timeZone()),
                        LoyaltyReasons.french(entry.kind(), entry.action(), entry.reference(), entry.reason(),
                                customer.timeZone()),
                        entry.recordedAt()))
                .toList();
        return new Statement(customer.customerId(), account == null ? 0 : account.balance(),
                account == null ? 0 : account.lifetimePoints(), customer.loyaltyTier(),
                regulars.storesOf(customer.customerId()), lines);
    }

    private Customer customerOf(String customerId) {
        return customers.find(customerId)
                .orElseThrow(() -> new NotFoundException("customer", "customerId", customerId));
    }

    private LoyaltyAccount accountOf(Customer customer, Instant now) {
        return accounts.findById(customer.customerId())
                .orElseGet(() -> new LoyaltyAccount(customer.customerId(), customer.loyaltyTier(), now));
    }

    private void raiseTier(Customer customer, LoyaltyAccount account) {
        LoyaltyTier earned = settings.tierFor(account.lifetimePoints());
        if (earned.compareTo(customer.loyaltyTier()) > 0) {
            customer.changeTier(earned);
            account.changeTier(earned);
            log.info("Customer {} reached loyalty tier {}", customer.customerId(), earned);
        }
    }

    /** A customer's loyalty standing and ledger; {@code regularOf} lists the stores whose regular they are. */
    public record Statement(String customerId, long balance, long lifetimePoints, LoyaltyTier tier,
                            List<String> regularOf, List<Line> history) {

        /**
         * One ledger line; {@code kind} is EARNED, SPENT or EXPIRED.
         *
         * @param reason   why the points moved, in English: the names of the rules that awarded them, the reason
         *                 sent with a spending, or the last activity before an expiry
         * @param reasonFr the same in French, except the reason sent with a spending, which is returned as sent
         */
        public record Line(Long entryId, String kind, int points, String action, String reference, String reason,
                           String reasonFr, Instant recordedAt) {
        }
    }

    /** An action with the points the rules award for it and the names of the rules that award them. */
    private record Credit(LoyaltyAction action, int points, String reason) {
    }
}
