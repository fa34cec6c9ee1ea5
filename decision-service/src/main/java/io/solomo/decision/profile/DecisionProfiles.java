package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.CustomerFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads what an offer decision needs of a profile, its facts, time zone and whether it is the regular of the
 * contact's store, with one JDBC query: the customer row, its preferred channels and its marketing consents per
 * channel. The facts include the customer's named segments, found in memory. An offer decision runs on every
 * contact, and loading the {@link Customer} entity with its two collections took two queries and most of Hibernate's
 * share of a decision's CPU. The facts are the ones {@link CustomerFactsAssembler#factsOf(Customer)} builds from the
 * entity.
 */
@Repository
public class DecisionProfiles {

    /**
     * One row per pair of preferred channel and marketing consent on a channel, so a profile with 3 preferences and
     * 4 such consents gives 12 rows. Consents come oldest first, and among consents recorded at the same instant the
     * last stored comes last, as in the entity's consent history. The last column is true when the customer is the
     * regular of the store given as the first parameter, and false when that store is null.
     */
    private static final String PROFILE = "select c.customer_id, c.loyalty_tier, c.language, c.time_zone, "
            + "c.quiet_hours_start, c.quiet_hours_end, c.anonymous, c.erased_at, "
            + ProfileAttributes.COLUMNS.stream().map(column -> "c." + column).collect(Collectors.joining(", "))
            + ", p.channel, p.rank, k.channel, k.status, "
            + "exists (select 1 from store_regular r where r.store_id = ? and r.customer_id = c.customer_id) "
            + "from customer c "
            + "left join channel_preference p on p.customer_id = c.customer_id "
            + "left join consent k on k.customer_id = c.customer_id and k.purpose = 'MARKETING' "
            + "and k.channel is not null "
            + "where c.customer_id = ? order by k.recorded_at, k.id";
    private static final int FIRST_ATTRIBUTE = 9;
    private static final int PREFERENCE = FIRST_ATTRIBUTE + ProfileAttributes.COLUMNS.size();

    private final JdbcTemplate jdbc;
    private final CustomerFactsAssembler assembler;

    DecisionProfiles(JdbcTemplate jdbc, CustomerFactsAssembler assembler) {
        this.jdbc = jdbc;
        this.assembler = assembler;
    }

    /**
     * Returns the profile with this id, or the survivor of the merge that absorbed it, or empty.
     *
     * @param storeId the contact's store, or null, for {@link DecisionProfile#regularAtStore()}
     */
    public Optional<DecisionProfile> find(String customerId, String storeId) {
        Optional<DecisionProfile> profile = read(customerId, storeId);
        if (profile.isPresent()) {
            return profile;
        }
        List<String> survivors = jdbc.queryForList("select survivor_id from customer_merge where absorbed_id = ?",
                String.class, customerId);
        return survivors.isEmpty() ? Optional.empty() : read(survivors.get(0), storeId);
    }

    private Optional<DecisionProfile> read(String customerId, String storeId) {
        return jdbc.query(PROFILE, resultSet -> {
            if (!resultSet.next()) {
                return Optional.empty();
            }
            String id = resultSet.getString(1);
            LoyaltyTier tier = LoyaltyTier.valueOf(resultSet.getString(2));
            Language language = Language.fromCode(resultSet.getString(3));
            ZoneId timeZone = ZoneId.of(resultSet.getString(4));
            LocalTime quietHoursStart = resultSet.getObject(5, LocalTime.class);
            LocalTime quietHoursEnd = resultSet.getObject(6, LocalTime.class);
            boolean anonymous = resultSet.getBoolean(7);
            boolean erased = resultSet.getObject(8) != null;
            ProfileAttributes attributes = ProfileAttributes.read(resultSet, FIRST_ATTRIBUTE);
            boolean regularAtStore = resultSet.getBoolean(PREFERENCE + 4);
            Map<Integer, Channel> preferences = new TreeMap<>();
            Map<Channel, String> latestConsents = new EnumMap<>(Channel.class);
            do {
                String preferred = resultSet.getString(PREFERENCE);
                if (preferred != null) {
                    preferences.put(resultSet.getInt(PREFERENCE + 1), Channel.valueOf(preferred));
                }
                String consentChannel = resultSet.getString(PREFERENCE + 2);
                if (consentChannel != null) {
                    latestConsents.put(Channel.valueOf(consentChannel), resultSet.getString(PREFERENCE + 3));
                }
            } while (resultSet.next());

            Set<Channel> granted = EnumSet.noneOf(Channel.class);
            latestConsents.forEach((channel, status) -> {
                if (ConsentStatus.GRANTED.name().equals(status)) {
                    granted.add(channel);
                }
            });
            CustomerFacts facts = assembler.factsOf(id, tier, language, List.copyOf(preferences.values()), granted,
                    attributes, anonymous, erased);
            return Optional.of(new DecisionProfile(facts, timeZone, quietHoursStart, quietHoursEnd, regularAtStore));
        }, storeId, customerId);
    }

    /**
     * A profile as an offer decision reads it: the rules' facts, the customer's time zone, the customer's own quiet
     * hours in that time zone, and whether the customer is the regular of the contact's store. Both quiet-hour bounds
     * are null when the customer has set none, and the end comes before the start when they span midnight.
     */
    public record DecisionProfile(CustomerFacts facts, ZoneId timeZone, LocalTime quietHoursStart,
                                  LocalTime quietHoursEnd, boolean regularAtStore) {
    }
}
