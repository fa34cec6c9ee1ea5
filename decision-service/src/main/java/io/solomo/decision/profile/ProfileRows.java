package io.solomo.decision.profile;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plain JDBC reads and batched writes of the rows that recording interactions and importing customers touch: the
 * profile's tier, anonymity and derived attributes, new profiles with their identities, preferred channels and
 * consents, and the interactions themselves.
 * Loading {@link Customer} entities instead costs a dirty check per profile and one insert per identity, because
 * identity ids come from an identity column that stops Hibernate from batching.
 *
 * <p>Runs in the caller's transaction. Profile updates check the version they read, as Hibernate's optimistic
 * locking does, and bump it.
 */
@Repository
class ProfileRows {

    private static final String ATTRIBUTE_COLUMNS = String.join(", ", ProfileAttributes.COLUMNS);
    private static final String ATTRIBUTE_ASSIGNMENTS = String.join(" = ?, ", ProfileAttributes.COLUMNS) + " = ?";
    private static final String ATTRIBUTE_PARAMETERS = String.join(", ",
            ProfileAttributes.COLUMNS.stream().map(column -> "?").toList());

    private final NamedParameterJdbcTemplate jdbc;

    ProfileRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Returns the profiles with these ids that exist, by id, and locks their rows until the transaction ends. The
     * rows are locked in id order, so two chunks that share profiles wait for each other instead of deadlocking
     * or failing their version check.
     */
    Map<String, ProfileRow> lock(Collection<String> customerIds) {
        Map<String, ProfileRow> rows = new HashMap<>();
        if (customerIds.isEmpty()) {
            return rows;
        }
        jdbc.query("select customer_id, version, loyalty_tier, anonymous, " + ATTRIBUTE_COLUMNS
                        + " from customer where customer_id in (:ids) order by customer_id for update",
                Map.of("ids", customerIds),
                resultSet -> {
                    ProfileRow row = new ProfileRow(resultSet.getString(1), resultSet.getLong(2),
                            LoyaltyTier.valueOf(resultSet.getString(3)), resultSet.getBoolean(4),
                            ProfileAttributes.read(resultSet, 5), false);
                    rows.put(row.customerId(), row);
                });
        return rows;
    }

    /** Returns the type, value and customer id of every identity with one of the values, whatever its type. */
    List<Object[]> identityOwners(Collection<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select identity_type, identity_value, customer_id from customer_identity "
                        + "where identity_value in (:values)", Map.of("values", values),
                (resultSet, index) -> new Object[] {IdentityType.valueOf(resultSet.getString(1)),
                        resultSet.getString(2), resultSet.getString(3)});
    }

    /** Returns, for each of these ids that a merge absorbed, the id of the surviving profile. */
    Map<String, String> survivorsOf(Collection<String> customerIds) {
        Map<String, String> survivors = new HashMap<>();
        if (customerIds.isEmpty()) {
            return survivors;
        }
        jdbc.query("select absorbed_id, survivor_id from customer_merge where absorbed_id in (:ids)",
                Map.of("ids", customerIds),
                resultSet -> {
                    survivors.put(resultSet.getString(1), resultSet.getString(2));
                });
        return survivors;
    }

    /** Returns the customer id stored with each of these event ids that is already stored. */
    Map<String, String> storedEvents(Collection<String> eventIds) {
        Map<String, String> stored = new HashMap<>();
        if (eventIds.isEmpty()) {
            return stored;
        }
        jdbc.query("select event_id, customer_id from interaction where event_id in (:ids)", Map.of("ids", eventIds),
                resultSet -> {
                    stored.put(resultSet.getString(1), resultSet.getString(2));
                });
        return stored;
    }

    /** Inserts anonymous profiles created by the chunk, French with the given time zone, at version 0. */
    void insertCreated(List<ProfileRow> created, ZoneId timeZone, Instant now) {
        if (created.isEmpty()) {
            return;
        }
        batch("insert into customer (customer_id, display_name, loyalty_tier, language, time_zone, created_at, "
                        + "version, anonymous, updated_at, " + ATTRIBUTE_COLUMNS + ") values (?, null, ?, ?, ?, ?, 0, ?, ?, "
                        + ATTRIBUTE_PARAMETERS + ")", created,
                (statement, row) -> {
                    statement.setString(1, row.customerId());
                    statement.setString(2, row.tier().name());
                    statement.setString(3, Language.FR.code());
                    statement.setString(4, timeZone.getId());
                    ProfileAttributes.setInstant(statement, 5, now);
                    statement.setBoolean(6, row.anonymous());
                    ProfileAttributes.setInstant(statement, 7, now);
                    row.attributes().bind(statement, 8);
                });
    }

    /**
     * Writes the tier, anonymity and attributes of profiles that existed before the chunk.
     *
     * @throws ObjectOptimisticLockingFailureException when another transaction changed or removed one of them
     *                                                 since it was loaded
     */
    void updateChanged(List<ProfileRow> changed, Instant now) {
        if (changed.isEmpty()) {
            return;
        }
        List<ProfileRow> ordered = changed.stream().sorted(Comparator.comparing(ProfileRow::customerId)).toList();
        int[] counts = batch("update customer set loyalty_tier = ?, anonymous = ?, updated_at = ?, "
                        + ATTRIBUTE_ASSIGNMENTS + ", version = version + 1 where customer_id = ? and version = ?",
                ordered,
                (statement, row) -> {
                    statement.setString(1, row.tier().name());
                    statement.setBoolean(2, row.anonymous());
                    ProfileAttributes.setInstant(statement, 3, now);
                    int next = row.attributes().bind(statement, 4);
                    statement.setString(next, row.customerId());
                    statement.setLong(next + 1, row.version());
                });
        for (int index = 0; index < counts.length; index++) {
            if (counts[index] != 1) {
                throw new ObjectOptimisticLockingFailureException(Customer.class, ordered.get(index).customerId());
            }
        }
    }

    /** Inserts identities that the chunk added to profiles. */
    void insertIdentities(List<NewIdentity> identities) {
        if (identities.isEmpty()) {
            return;
        }
        batch("insert into customer_identity (customer_id, identity_type, identity_value) values (?, ?, ?)",
                identities,
                (statement, identity) -> {
                    statement.setString(1, identity.customerId());
                    statement.setString(2, identity.key().type().name());
                    statement.setString(3, identity.key().value());
                });
    }

    /** Inserts interactions; a replayed event id fails the batch on the primary key. */
    void insertInteractions(List<NewInteraction> interactions, Instant receivedAt) {
        if (interactions.isEmpty()) {
            return;
        }
        batch("insert into interaction (event_id, customer_id, interaction_type, occurred_at, received_at, store_id, "
                        + "amount, attributes_json) values (?, ?, ?, ?, ?, ?, ?, ?)", interactions,
                (statement, interaction) -> {
                    InteractionFacts facts = interaction.command().facts();
                    statement.setString(1, interaction.command().eventId());
                    statement.setString(2, interaction.customerId());
                    statement.setString(3, facts.type().name());
                    ProfileAttributes.setInstant(statement, 4, facts.occurredAt());
                    ProfileAttributes.setInstant(statement, 5, receivedAt);
                    statement.setString(6, facts.storeId());
                    statement.setBigDecimal(7, facts.type() == InteractionType.PURCHASE ? facts.amount() : null);
                    statement.setString(8, interaction.command().attributesJson());
                });
    }

    /**
     * Inserts profiles created by a customer import with their identities, preferred channels and consents. Their
     * derived attributes keep the column defaults, which are those of a profile without interactions.
     */
    void insertImported(List<ImportChunkWriter.ImportedProfile> profiles, Instant now) {
        if (profiles.isEmpty()) {
            return;
        }
        batch("insert into customer (customer_id, display_name, loyalty_tier, language, time_zone, created_at, "
                        + "version, anonymous, updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?)", profiles,
                (statement, profile) -> {
                    statement.setString(1, profile.customerId);
                    statement.setString(2, profile.displayName);
                    statement.setString(3, profile.loyaltyTier.name());
                    statement.setString(4, profile.language.code());
                    statement.setString(5, profile.timeZone.getId());
                    ProfileAttributes.setInstant(statement, 6, now);
                    statement.setBoolean(7, profile.anonymous);
                    ProfileAttributes.setInstant(statement, 8, now);
                });
        insertIdentities(profiles.stream()
                .flatMap(profile -> profile.identities.stream().map(key -> new NewIdentity(profile.customerId, key)))
                .toList());

        List<ChannelRank> channels = new ArrayList<>();
        List<NewConsent> consents = new ArrayList<>();
        for (ImportChunkWriter.ImportedProfile profile : profiles) {
            for (int rank = 0; rank < profile.channels.size(); rank++) {
                channels.add(new ChannelRank(profile.customerId, profile.channels.get(rank), rank + 1));
            }
            profile.consents.forEach(consent -> consents.add(new NewConsent(profile.customerId, consent)));
        }
        if (!channels.isEmpty()) {
            batch("insert into channel_preference (customer_id, channel, rank) values (?, ?, ?)", channels,
                    (statement, channel) -> {
                        statement.setString(1, channel.customerId());
                        statement.setString(2, channel.channel().name());
                        statement.setInt(3, channel.rank());
                    });
        }
        if (!consents.isEmpty()) {
            batch("insert into consent (customer_id, purpose, channel, status, source, recorded_at) "
                            + "values (?, ?, ?, ?, ?, ?)", consents,
                    (statement, consent) -> {
                        statement.setString(1, consent.customerId());
                        statement.setString(2, ConsentPurpose.MARKETING.name());
                        statement.setString(3, consent.entry().channel().name());
                        statement.setString(4, consent.entry().status().name());
                        statement.setString(5, CustomerImporter.CONSENT_SOURCE);
                        ProfileAttributes.setInstant(statement, 6, consent.entry().recordedAt());
                    });
        }
    }

    /** Runs one JDBC batch of all the items and returns the update count of each. */
    private <T> int[] batch(String sql, List<T> items, ParameterSetter<T> setter) {
        int[][] counts = jdbc.getJdbcTemplate().batchUpdate(sql, items, items.size(), setter::set);
        return counts.length == 0 ? new int[0] : counts[0];
    }

    @FunctionalInterface
    private interface ParameterSetter<T> {
        void set(PreparedStatement statement, T item) throws SQLException;
    }

    /** An identity the chunk gives to a profile. */
    record NewIdentity(String customerId, IdentityKey key) {
    }

    /** A preferred channel of a profile, 1 being the most preferred. */
    private record ChannelRank(String customerId, Channel channel, int rank) {
    }

    /** A marketing consent recorded for a profile. */
    private record NewConsent(String customerId, ImportChunkWriter.ConsentEntry entry) {
    }

    /** An interaction to insert for the profile it resolved to. */
    record NewInteraction(InteractionCommand command, String customerId) {
    }

    /**
     * The state of one profile row that recording interactions changes. {@code created} is true for a profile
     * the chunk creates, which is inserted rather than updated.
     */
    static final class ProfileRow {

        private final String customerId;
        private final long version;
        private final boolean created;
        private LoyaltyTier tier;
        private boolean anonymous;
        private final ProfileAttributes attributes;

        ProfileRow(String customerId, long version, LoyaltyTier tier, boolean anonymous,
                   ProfileAttributes attributes, boolean created) {
            this.customerId = Objects.requireNonNull(customerId, "customerId");
            this.version = version;
            this.tier = Objects.requireNonNull(tier, "tier");
            this.anonymous = anonymous;
            this.attributes = Objects.requireNonNull(attributes, "attributes");
            this.created = created;
        }

        /** Returns a new anonymous profile at the entry tier, as {@link Customer#anonymous} creates. */
        static ProfileRow anonymous(String customerId) {
            return new ProfileRow(customerId, 0, LoyaltyTier.BRONZE, true, ProfileAttributes.empty(), true);
        }

        /** Adds one interaction to the attributes and raises the tier when the spend earns it, as Customer does. */
        void apply(InteractionFacts interaction, SpendTiers spendTiers) {
            attributes.apply(interaction);
            LoyaltyTier earned = spendTiers.tierFor(attributes.monetaryTotal());
            if (earned.compareTo(tier) > 0) {
                tier = earned;
            }
        }

        void markKnown() {
            anonymous = false;
        }

        String customerId() {
            return customerId;
        }

        long version() {
            return version;
        }

        boolean created() {
            return created;
        }

        LoyaltyTier tier() {
            return tier;
        }

        boolean anonymous() {
            return anonymous;
        }

        ProfileAttributes attributes() {
            return attributes;
        }
    }
}
