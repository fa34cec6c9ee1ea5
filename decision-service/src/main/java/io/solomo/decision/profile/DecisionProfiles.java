package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.CustomerFacts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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
 * Reads what an offer decision needs of a profile, its facts and time zone, with one JDBC query: the customer row,
 * its preferred channels and its marketing consents per channel. An offer decision runs on every contact, and
 * loading the {@link Customer} entity with its two collections took two queries and most of Hibernate's share of a
 * decision's CPU. The facts are the ones {@link CustomerFactsAssembler#factsOf(Customer)} builds from the entity.
 */
@Repository
public class DecisionProfiles {

    /**
     * One row per pair of preferred channel and marketing consent on a channel, so a profile with 3 preferences and
     * 4 such consents gives 12 rows. Consents come oldest first, and among consents recorded at the same instant the
     * last stored comes last, as in the entity's consent history.
     */
    private static final String PROFILE = "select c.customer_id, c.loyalty_tier, c.language, c.time_zone, "
            + ProfileAttributes.COLUMNS.stream().map(column -> "c." + column).collect(Collectors.joining(", "))
            + ", p.channel, p.rank, k.channel, k.status from customer c "
            + "left join channel_preference p on p.customer_id = c.customer_id "
            + "left join consent k on k.customer_id = c.customer_id and k.purpose = 'MARKETING' "
            + "and k.channel is not null "
            + "where c.customer_id = ? order by k.recorded_at, k.id";
    private static final int FIRST_ATTRIBUTE = 5;
    private static final int PREFERENCE = FIRST_ATTRIBUTE + ProfileAttributes.COLUMNS.size();

    private final JdbcTemplate jdbc;
    private final CustomerFactsAssembler assembler;

    DecisionProfiles(JdbcTemplate jdbc, CustomerFactsAssembler assembler) {
        this.jdbc = jdbc;
        this.assembler = assembler;
    }

    /** Returns the profile with this id, or the survivor of the merge that absorbed it, or empty. */
    public Optional<DecisionProfile> find(String customerId) {
        Optional<DecisionProfile> profile = read(customerId);
        if (profile.isPresent()) {
            return profile;
        }
        List<String> survivors = jdbc.queryForList("select survivor_id from customer_merge where absorbed_id = ?",
                String.class, customerId);
        return survivors.isEmpty() ? Optional.empty() : read(survivors.get(0));
    }

    private Optional<DecisionProfile> read(String customerId) {
        return jdbc.query(PROFILE, resultSet -> {
            if (!resultSet.next()) {
                return Optional.empty();
            }
            String id = resultSet.getString(1);
            LoyaltyTier tier = LoyaltyTier.valueOf(resultSet.getString(2));
            Language language = Language.fromCode(resultSet.getString(3));
            ZoneId timeZone = ZoneId.of(resultSet.getString(4));
            ProfileAttributes attributes = ProfileAttributes.read(resultSet, FIRST_ATTRIBUTE);
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
                    attributes);
            return Optional.of(new DecisionProfile(facts, timeZone));
        }, customerId);
    }

    /** A profile as an offer decision reads it: the rules' facts and the customer's time zone. */
    public record DecisionProfile(CustomerFacts facts, ZoneId timeZone) {
    }
}
