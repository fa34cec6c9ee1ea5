package io.solomo.decision.offer;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.rules.KnownFacts;
import io.solomo.rules.OfferProposer;
import io.solomo.rules.UnmetCondition;
import io.solomo.rules.UnmetCondition.Requirement;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Wording the unmet conditions of a proposing rule in English and French. */
class UnmetConditionWordsTests {

    private static final OfferProposer DRL_RULE = new OfferProposer("Evening snack", "solomo/offers/evening.drl",
            null, null);
    private static final OfferProposer CSV_ROW = new OfferProposer("Late snack", "solomo/offers/late.drl.csv", null,
            9);
    /** Names each segment by its id, as when no segment of the catalogue has that id. */
    private static final UnaryOperator<String> SEGMENT_IDS = UnaryOperator.identity();

    @Test
    void channelTriggerAndAwayInDrlRule() {
        List<UnmetCondition> unmet = List.of(
                condition("channel", Requirement.ONE_OF, List.of(Channel.PUSH, Channel.SMS), Channel.EMAIL),
                condition("trigger", Requirement.ONE_OF, List.of(ContactContext.Trigger.GEOFENCE_ENTER),
                        ContactContext.Trigger.API),
                condition("atStore", Requirement.ONE_OF, List.of(false), true));
        RecordedContact.Known contact = atStore("demo-maubert", "Demo Marché");

        assertThat(UnmetConditionWords.inWords(DRL_RULE, unmet, contact, SEGMENT_IDS, Language.EN))
                .isEqualTo("The rule \"Evening "
                + "snack\" requires the channel PUSH or SMS, and the contact was on the channel EMAIL. It also requires "
                + "the trigger GEOFENCE_ENTER, and the contact was triggered by API. It also requires a contact away "
                + "from stores, and the contact was at the store demo-maubert.");
        assertThat(UnmetConditionWords.inWords(DRL_RULE, unmet, contact, SEGMENT_IDS, Language.FR))
                .isEqualTo("La règle « Evening "
                + "snack » demande le canal PUSH ou SMS, et le contact a eu lieu sur le canal EMAIL. De plus, elle "
                + "demande le déclencheur GEOFENCE_ENTER, et le contact a été déclenché par API. De plus, elle demande "
                + "un contact hors magasin, et le contact a eu lieu au magasin demo-maubert.");
    }

    @Test
    void chainStoreAndHoursInCsvRow() {
        List<UnmetCondition> unmet = List.of(
                condition("storeChain", Requirement.ONE_OF, List.of("A", "B", "C"), null),
                condition("storeId", Requirement.ONE_OF, List.of("s1"), "demo-maubert"),
                condition("hour", Requirement.AT_LEAST, List.of(22), 10));
        RecordedContact.Known contact = atStore("demo-maubert", null);

        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, contact, SEGMENT_IDS, Language.EN))
                .isEqualTo("Row 9 of "
                + "solomo/offers/late.drl.csv requires the store chain A, B or C, and the contact was at a store "
                + "without a known chain. It also requires the store s1, and the contact was at the store "
                + "demo-maubert. It also requires a contact from 22:00, and the contact was at 10:15.");
        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, contact, SEGMENT_IDS, Language.FR))
                .isEqualTo("La ligne 9 de "
                + "solomo/offers/late.drl.csv demande l'enseigne A, B ou C, et le contact a eu lieu dans un magasin "
                + "sans enseigne connue. De plus, elle demande le magasin s1, et le contact a eu lieu au magasin "
                + "demo-maubert. De plus, elle demande un contact à partir de 22 h, et le contact a eu lieu à 10 h 15.");
    }

    @Test
    void unwordableConditionsAreLeftOut() {
        List<UnmetCondition> unmet = List.of(
                customerCondition("favouriteStoreId", Requirement.ONE_OF, List.of("s1"), "demo-maubert"),
                customerCondition("loyaltyTier", Requirement.AT_LEAST, List.of(2), LoyaltyTier.BRONZE),
                condition("hour", Requirement.FROM_BELOW, List.of(11, 7), 12),
                condition("openNow", Requirement.AT_LEAST, List.of(1), false));

        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, atStore("demo-maubert", null), SEGMENT_IDS,
                Language.EN)).isEmpty();
    }

    @Test
    void openingStateAndRegular() {
        List<UnmetCondition> unmet = List.of(
                condition("openNow", Requirement.ONE_OF, List.of(false), true),
                condition("openNow", Requirement.ONE_OF, List.of(true), null),
                condition("regularHere", Requirement.ONE_OF, List.of(true), false));
        RecordedContact.Known contact = atStore("demo-maubert", null);

        assertThat(UnmetConditionWords.inWords(DRL_RULE, unmet, contact, SEGMENT_IDS, Language.EN))
                .isEqualTo("The rule \"Evening "
                + "snack\" requires the store to be closed, and the store demo-maubert was open. It also requires the "
                + "store to be open, and the opening hours of the store demo-maubert were not known. It also requires a "
                + "regular customer of the store, and the customer was not a regular of the store demo-maubert.");
        assertThat(UnmetConditionWords.inWords(DRL_RULE, unmet, contact, SEGMENT_IDS, Language.FR))
                .isEqualTo("La règle « Evening "
                + "snack » demande un magasin fermé, et le magasin demo-maubert était ouvert. De plus, elle demande un "
                + "magasin ouvert, et les horaires du magasin demo-maubert n'étaient pas connus. De plus, elle demande "
                + "un client habitué du magasin, et le client n'était pas un habitué du magasin demo-maubert.");
    }

    @Test
    void customerTierLanguageAndScores() {
        List<UnmetCondition> unmet = List.of(
                customerCondition("loyaltyTier", Requirement.ONE_OF, List.of(LoyaltyTier.GOLD, LoyaltyTier.PLATINUM),
                        LoyaltyTier.BRONZE),
                customerCondition("language", Requirement.ONE_OF, List.of(Language.FR), Language.EN),
                customerCondition("advocacyScore", Requirement.AT_LEAST, List.of(50), 20),
                customerCondition("monetaryValue", Requirement.FROM_BELOW, List.of(100, 1000), 12.5),
                customerCondition("visitCount", Requirement.ONE_OF, List.of(3, 4), 1),
                customerCondition("recencyDays", Requirement.AT_MOST, List.of(30), -1L));
        RecordedContact.Known contact = atStore("demo-maubert", null);

        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, contact, SEGMENT_IDS, Language.EN))
                .isEqualTo("Row 9 of "
                + "solomo/offers/late.drl.csv requires the loyalty tier GOLD or PLATINUM, and the customer's tier was "
                + "BRONZE. It also requires the language FR, and the customer's language was EN. It also requires the "
                + "advocacy score to be at least 50, and it was 20. It also requires the total spent to be from 100 to "
                + "below 1,000, and it was 12.5. It also requires the visit count to be 3 or 4, and it was 1. It also "
                + "requires the number of days since the last purchase to be at most 30, and the customer has never "
                + "bought anything.");
        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, contact, SEGMENT_IDS, Language.FR))
                .isEqualTo("La ligne 9 de "
                + "solomo/offers/late.drl.csv demande le niveau de fidélité GOLD ou PLATINUM, et le niveau du client "
                + "était BRONZE. De plus, elle demande la langue FR, et la langue du client était EN. De plus, elle "
                + "demande que le score de recommandation soit d'au moins 50, et il était de 20. De plus, elle demande "
                + "que le montant total dépensé soit d'au moins 100 et inférieur à 1\u202F000, et il était de 12,5. De "
                + "plus, elle demande que le nombre de visites soit de 3 ou 4, et il était de 1. De plus, elle demande "
                + "que le nombre de jours depuis le dernier achat soit d'au plus 30, et le client n'a jamais rien "
                + "acheté.");
    }

    @Test
    void segmentConditionsNameTheSegment() {
        List<UnmetCondition> unmet = List.of(
                customerCondition("segments", Requirement.CONTAINS, List.of("active-advocates"),
                        List.of("lapsed-buyers")),
                customerCondition("segments", Requirement.EXCLUDES, List.of("lapsed-buyers"),
                        List.of("lapsed-buyers")));
        RecordedContact.Known contact = atStore("demo-maubert", null);
        UnaryOperator<String> english = id -> id.equals("active-advocates") ? "Active advocates" : id;
        UnaryOperator<String> french = id -> id.equals("active-advocates") ? "Ambassadeurs actifs" : id;

        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, contact, english, Language.EN)).isEqualTo("Row 9 of "
                + "solomo/offers/late.drl.csv requires the customer to be in segment \"Active advocates\", and they "
                + "were not. It also requires the customer not to be in segment \"lapsed-buyers\", and they were.");
        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, contact, french, Language.FR)).isEqualTo("La ligne 9 "
                + "de solomo/offers/late.drl.csv demande que le client fasse partie du segment « Ambassadeurs "
                + "actifs », ce qui n'était pas le cas. De plus, elle demande que le client ne fasse pas partie du "
                + "segment « lapsed-buyers », ce qui était le cas.");
    }

    @Test
    void favouriteCategoryConditions() {
        List<UnmetCondition> unmet = List.of(
                customerCondition("favouriteCategories", Requirement.CONTAINS, List.of("garden"),
                        List.of("wine", "bakery", "cheese")),
                customerCondition("favouriteCategories", Requirement.CONTAINS, List.of("garden"), List.of()),
                customerCondition("favouriteCategories", Requirement.EXCLUDES, List.of("wine"),
                        List.of("wine", "bakery", "cheese")),
                // A list condition with a shape that has no wording is left out.
                customerCondition("favouriteCategories", Requirement.ONE_OF, List.of("wine"), List.of()));
        RecordedContact.Known contact = atStore("demo-maubert", null);

        assertThat(UnmetConditionWords.inWords(DRL_RULE, unmet, contact, SEGMENT_IDS, Language.EN)).isEqualTo("The "
                + "rule \"Evening snack\" requires \"garden\" among the customer's favourite categories, which were "
                + "wine, bakery and cheese. It also requires \"garden\" among the customer's favourite categories, "
                + "and the customer had none. It also requires \"wine\" not to be among the customer's favourite "
                + "categories, and it was.");
        assertThat(UnmetConditionWords.inWords(DRL_RULE, unmet, contact, SEGMENT_IDS, Language.FR)).isEqualTo("La "
                + "règle « Evening snack » demande « garden » parmi les catégories préférées du client, qui étaient "
                + "wine, bakery et cheese. De plus, elle demande « garden » parmi les catégories préférées du client, "
                + "qui n'en avait aucune. De plus, elle demande que « wine » ne fasse pas partie des catégories "
                + "préférées du client, ce qui était le cas.");
    }

    @Test
    void hoursWithoutLocalTimeAreLeftOut() {
        RecordedContact.Known contact = new RecordedContact.Known(new KnownFacts(Map.of(), Map.of()), null);
        List<UnmetCondition> unmet = List.of(condition("hour", Requirement.BELOW, List.of(7), 12));

        assertThat(UnmetConditionWords.inWords(CSV_ROW, unmet, contact, SEGMENT_IDS, Language.EN)).isEmpty();
    }

    private static UnmetCondition customerCondition(String property, Requirement requirement, List<Object> values,
                                                    Object actual) {
        return new UnmetCondition("CustomerFacts", property, requirement, values, actual);
    }

    private static UnmetCondition condition(String property, Requirement requirement, List<Object> values,
                                            Object actual) {
        return new UnmetCondition("ContactContext", property, requirement, values, actual);
    }

    /** Returns a contact at the store on Monday 7 December 2026 at 10:15 in Paris. */
    private static RecordedContact.Known atStore(String storeId, String chain) {
        Map<String, Object> contact = new HashMap<>();
        contact.put("storeId", storeId);
        contact.put("storeChain", chain);
        return new RecordedContact.Known(new KnownFacts(contact, Map.of()),
                ZonedDateTime.of(2026, 12, 7, 10, 15, 0, 0, ZoneId.of("Europe/Paris")));
    }
}
