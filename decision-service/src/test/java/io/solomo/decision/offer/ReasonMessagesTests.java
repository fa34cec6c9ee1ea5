package io.solomo.decision.offer;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's reasons and the why-not response worded in English and French from the message bundles. */
class ReasonMessagesTests {

    private static final String OFFER = "STORE-WELCOME-10";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Returns each reason with example arguments and its why-not response in English, then in French. */
    static Stream<Arguments> reasons() {
        return Stream.of(
                Arguments.of(ReasonCode.QUIET_HOURS, new Object[] {LocalTime.of(22, 0), LocalTime.of(7, 0), PARIS},
                        "Offer STORE-WELCOME-10 was not chosen because it is within the brand's quiet hours 22:00 to "
                                + "07:00 "
                                + "in the customer's time zone Europe/Paris.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le contact tombe pendant les heures "
                                + "de silence de la marque, de 22 h à 7 h dans le fuseau horaire du client "
                                + "(Europe/Paris)."),
                Arguments.of(ReasonCode.OWN_QUIET_HOURS,
                        new Object[] {LocalTime.of(9, 0), LocalTime.of(11, 30), PARIS},
                        "Offer STORE-WELCOME-10 was not chosen because it is within the customer's own quiet hours "
                                + "09:00 to 11:30 in their time zone Europe/Paris.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le contact tombe pendant les heures "
                                + "de silence choisies par le client, de 9 h à 11 h 30 dans son fuseau horaire "
                                + "(Europe/Paris)."),
                Arguments.of(ReasonCode.DAILY_CAP, new Object[] {3L, Channel.PUSH},
                        "Offer STORE-WELCOME-10 was not chosen because the customer already had 3 offers on PUSH "
                                + "that day, the daily cap.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le client a déjà reçu 3 offres sur "
                                + "le canal PUSH ce jour-là, soit le plafond quotidien."),
                Arguments.of(ReasonCode.DAILY_CAP, new Object[] {1L, Channel.SMS},
                        "Offer STORE-WELCOME-10 was not chosen because the customer already had 1 offer on SMS that "
                                + "day, the daily cap.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le client a déjà reçu 1 offre sur le "
                                + "canal SMS ce jour-là, soit le plafond quotidien."),
                Arguments.of(ReasonCode.WEEKLY_CAP, new Object[] {5L, Channel.EMAIL},
                        "Offer STORE-WELCOME-10 was not chosen because the customer already had 5 offers on EMAIL "
                                + "that week, the weekly cap.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le client a déjà reçu 5 offres sur "
                                + "le canal EMAIL cette semaine-là, soit le plafond hebdomadaire."),
                Arguments.of(ReasonCode.FATIGUE_BUDGET, new Object[] {3},
                        "Offer STORE-WELCOME-10 was not chosen because the customer's fatigue budget of 3 offers a "
                                + "day, pushed and pulled, is spent.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le budget de sollicitation du "
                                + "client, 3 offres par jour, poussées et consultées confondues, est épuisé."),
                Arguments.of(ReasonCode.COOLDOWN, new Object[] {OFFER, Duration.ofHours(2)},
                        "Offer STORE-WELCOME-10 was not chosen because the customer was offered it less than 2 "
                                + "hours before, its cooldown.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que son délai de carence (2 heures) "
                                + "n'est pas écoulé depuis qu'elle a été proposée au client."),
                Arguments.of(ReasonCode.REDEEMED, new Object[] {OFFER},
                        "Offer STORE-WELCOME-10 was not chosen because the customer already redeemed it.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le client a déjà utilisé son "
                                + "coupon."),
                Arguments.of(ReasonCode.VOLUME_TOTAL, new Object[] {OFFER, 1},
                        "Offer STORE-WELCOME-10 was not chosen because it reached its volume limit of 1 contact "
                                + "in all.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle a atteint sa limite de volume "
                                + "de 1 contact au total."),
                Arguments.of(ReasonCode.VOLUME_DAILY, new Object[] {OFFER, 25_000},
                        "Offer STORE-WELCOME-10 was not chosen because it reached its daily volume limit of 25000 "
                                + "contacts.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle a atteint sa limite de volume "
                                + "quotidienne de 25000 contacts."),
                Arguments.of(ReasonCode.VOLUME_SPENT, new Object[] {OFFER},
                        "Offer STORE-WELCOME-10 was not chosen because it reached a volume limit.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle a atteint une limite de "
                                + "volume."),
                Arguments.of(ReasonCode.NOT_IN_CATALOGUE, new Object[] {OFFER},
                        "Offer STORE-WELCOME-10 was not chosen because it is not in the catalogue.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle n'est pas dans le "
                                + "catalogue."),
                Arguments.of(ReasonCode.SWITCHED_OFF, new Object[] {OFFER},
                        "Offer STORE-WELCOME-10 was not chosen because it is switched off.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle est désactivée."),
                Arguments.of(ReasonCode.OUTSIDE_VALIDITY, new Object[] {OFFER, LocalDate.of(2026, 1, 1),
                                LocalDate.of(2026, 3, 1), ZonedDateTime.of(2026, 4, 1, 12, 0, 0, 0, PARIS)},
                        "Offer STORE-WELCOME-10 was not chosen because it is valid from 1 January 2026 to 1 March "
                                + "2026, not on 1 April 2026 at 12:00.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle n'est valable que du 1er "
                                + "janvier 2026 au 1er mars 2026, pas le 1er avril 2026 à 12 h."),
                Arguments.of(ReasonCode.OTHER_STORE, new Object[] {OFFER, "demo-bastille"},
                        "Offer STORE-WELCOME-10 was not chosen because it is for store demo-bastille only.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle est réservée au magasin "
                                + "demo-bastille."),
                Arguments.of(ReasonCode.OTHER_CHAIN, new Object[] {OFFER, "Demo Marché"},
                        "Offer STORE-WELCOME-10 was not chosen because it is for stores of the chain Demo Marché "
                                + "only.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle est réservée aux magasins de "
                                + "l'enseigne Demo Marché."),
                Arguments.of(ReasonCode.HOLDOUT, new Object[] {},
                        "Offer STORE-WELCOME-10 was not chosen because the customer is in the holdout group, which "
                                + "receives no offer.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que le client fait partie du groupe "
                                + "témoin, qui ne reçoit aucune offre."),
                Arguments.of(ReasonCode.RANKED_BELOW_ONE, new Object[] {0.1235, 3.6},
                        "Offer STORE-WELCOME-10 was not chosen because it ranked below the offer chosen: its "
                                + "priority is 0.1235 and the chosen offer's 3.6.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle a été classée après l'offre "
                                + "retenue : sa priorité est de 0,1235 et celle de l'offre retenue de 3,6."),
                Arguments.of(ReasonCode.RANKED_BELOW_SEVERAL, new Object[] {2, 0.05, 0.3},
                        "Offer STORE-WELCOME-10 was not chosen because it ranked below the 2 offers chosen: its "
                                + "priority is 0.05 and theirs are at least 0.3.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle a été classée après les 2 "
                                + "offres retenues : sa priorité est de 0,05 et la leur d'au moins 0,3."),
                Arguments.of(ReasonCode.NEEDS_STORE, new Object[] {OFFER},
                        "Offer STORE-WELCOME-10 was not chosen because its message names the store, and the "
                                + "contact has no store.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce que son message nomme le magasin, et "
                                + "le contact n'a pas de magasin."),
                Arguments.of(ReasonCode.LOCAL_ONLY, new Object[] {OFFER, "demo-maubert"},
                        "Offer STORE-WELCOME-10 was not chosen because it is offered only through local campaigns, "
                                + "and none runs at store demo-maubert at that moment.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle n'est proposée que par des "
                                + "campagnes locales, et aucune n'a lieu au magasin demo-maubert à ce moment."),
                Arguments.of(ReasonCode.LOCAL_ONLY_AWAY, new Object[] {OFFER},
                        "Offer STORE-WELCOME-10 was not chosen because it is offered only through local campaigns, "
                                + "which run at stores, and the contact has no store.",
                        "L'offre STORE-WELCOME-10 n'a pas été retenue parce qu'elle n'est proposée que par des "
                                + "campagnes locales, qui ont lieu en magasin, et le contact n'a pas de magasin."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void whyNotWordsReasonInBothLanguages(ReasonCode code, Object[] args, String english, String french) {
        CandidateReport report = rejectedFor(code.word(args));

        assertThat(DecisionExplanations.notChosen(report, Language.EN)).isEqualTo(english);
        assertThat(DecisionExplanations.notChosen(report, Language.FR)).isEqualTo(french);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reasons")
    void whyNotNamesOfferOnce(ReasonCode code, Object[] args, String english, String french) {
        CandidateReport report = rejectedFor(code.word(args));

        assertThat(DecisionExplanations.notChosen(report, Language.EN).split(OFFER, -1)).hasSize(2);
        assertThat(DecisionExplanations.notChosen(report, Language.FR).split(OFFER, -1)).hasSize(2);
        assertThat(DecisionExplanations.notChosen(report, Language.EN)).endsWith(".").doesNotContain("..");
        assertThat(DecisionExplanations.notChosen(report, Language.FR)).endsWith(".").doesNotContain("..");
    }

    @Test
    void storedReasonNamesOfferOnce() {
        CandidateReport report = new CandidateReport(OFFER, CandidateReport.REJECTED, "catalogue",
                "offer STORE-WELCOME-10 is switched off", "l'offre STORE-WELCOME-10 est désactivée", null,
                List.of());

        assertThat(DecisionExplanations.notChosen(report, Language.EN)).isEqualTo("Offer STORE-WELCOME-10 was not "
                + "chosen because it is switched off.");
        assertThat(DecisionExplanations.notChosen(report, Language.FR)).isEqualTo("L'offre STORE-WELCOME-10 n'a pas "
                + "été retenue parce qu'elle est désactivée.");
    }

    @Test
    void storedEnglishReasonNamesOfferOnce() {
        CandidateReport report = new CandidateReport(OFFER, CandidateReport.REJECTED, "catalogue",
                "offer STORE-WELCOME-10 is switched off", null, null, List.of());

        assertThat(DecisionExplanations.notChosen(report, Language.FR)).isEqualTo("L'offre STORE-WELCOME-10 n'a pas "
                + "été retenue ; sa raison n'a été enregistrée qu'en anglais : it is switched off.");
    }

    @Test
    void everyReasonHasAnExample() {
        Set<ReasonCode> covered = EnumSet.noneOf(ReasonCode.class);
        reasons().forEach(example -> covered.add((ReasonCode) example.get()[0]));

        assertThat(covered).containsExactlyInAnyOrder(ReasonCode.values());
    }

    @Test
    void bundlesHaveTheSameKeys() {
        assertThat(ReasonMessages.keysInOneLanguageOnly()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyReasonCodeHasAMessage(Language language) {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(ReasonMessages.format(language, code.key(), 2, 2, 2, 2)).as(code.name()).isNotBlank();
        }
    }

    @Test
    void durationReadsInWholeUnits() {
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofHours(24))).isEqualTo("1 day");
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofHours(24))).isEqualTo("1 jour");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofDays(3))).isEqualTo("3 jours");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofHours(1))).isEqualTo("1 heure");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofHours(36))).isEqualTo("36 heures");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofMinutes(1))).isEqualTo("1 minute");
    }

    @Test
    void durationUnderAMinuteReadsInSeconds() {
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofSeconds(30))).isEqualTo("30 seconds");
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofSeconds(30))).isEqualTo("30 secondes");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofSeconds(1))).isEqualTo("1 seconde");
    }

    @Test
    void durationOfMixedUnitsReadsInTheSmallest() {
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofSeconds(90))).isEqualTo("90 seconds");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofSeconds(90))).isEqualTo("90 secondes");
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofMinutes(1500))).isEqualTo("25 hours");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofMinutes(1500))).isEqualTo("25 heures");
    }

    @Test
    void fractionOfASecondIsRoundedUp() {
        assertThat(ReasonMessages.durationInWords(Language.EN, Duration.ofMillis(500))).isEqualTo("1 second");
        assertThat(ReasonMessages.durationInWords(Language.FR, Duration.ofMillis(1500))).isEqualTo("2 secondes");
    }

    @Test
    void validityReadsInContactTimeZone() {
        Offer offer = offerValid("2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
        ZonedDateTime contact = Instant.parse("2025-06-06T08:15:00Z").atZone(PARIS);

        RejectionReason reason = offer.unavailabilityReason(contact, null, null);

        assertThat(reason.english()).isEqualTo("it is valid from 1 January 2026 to 1 January 2028, not on 6 June "
                + "2025 at 10:15");
        assertThat(reason.french()).isEqualTo("elle n'est valable que du 1er janvier 2026 au 1er janvier 2028, pas "
                + "le 6 juin 2025 à 10 h 15");
    }

    @Test
    void validityDatesFollowTimeZone() {
        Offer offer = offerValid("2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
        ZonedDateTime contact = Instant.parse("2025-06-06T08:15:00Z").atZone(ZoneId.of("America/Toronto"));

        RejectionReason reason = offer.unavailabilityReason(contact, null, null);

        assertThat(reason.english()).isEqualTo("it is valid from 31 December 2025 to 31 December 2027, not on 6 "
                + "June 2025 at 04:15");
        assertThat(reason.french()).isEqualTo("elle n'est valable que du 31 décembre 2025 au 31 décembre 2027, "
                + "pas le 6 juin 2025 à 4 h 15");
    }

    @Test
    void boundOnContactDayHasTime() {
        Offer offer = offerValid("2026-06-06T07:00:00Z", "2026-06-30T22:00:00Z");
        ZonedDateTime contact = Instant.parse("2026-06-06T06:15:00Z").atZone(PARIS);

        RejectionReason reason = offer.unavailabilityReason(contact, null, null);

        assertThat(reason.english()).isEqualTo("it is valid from 6 June 2026 at 09:00 to 1 July 2026, not on 6 "
                + "June 2026 at 08:15");
        assertThat(reason.french()).isEqualTo("elle n'est valable que du 6 juin 2026 à 9 h au 1er juillet 2026, "
                + "pas le 6 juin 2026 à 8 h 15");
    }

    @Test
    void storedInstantReasonStillExplained() {
        CandidateReport report = new CandidateReport(OFFER, CandidateReport.REJECTED, "catalogue",
                "offer STORE-WELCOME-10 is valid from 2026-01-01T00:00:00Z to 2028-01-01T00:00:00Z, not at "
                        + "2025-06-06T08:15:00Z",
                "l'offre STORE-WELCOME-10 n'est valable que du 2026-01-01T00:00:00Z au 2028-01-01T00:00:00Z, pas "
                        + "le 2025-06-06T08:15:00Z", null, List.of());

        assertThat(DecisionExplanations.notChosen(report, Language.EN)).isEqualTo("Offer STORE-WELCOME-10 was not "
                + "chosen because it is valid from 2026-01-01T00:00:00Z to 2028-01-01T00:00:00Z, not at "
                + "2025-06-06T08:15:00Z.");
        assertThat(DecisionExplanations.notChosen(report, Language.FR)).isEqualTo("L'offre STORE-WELCOME-10 n'a pas "
                + "été retenue parce qu'elle n'est valable que du 2026-01-01T00:00:00Z au 2028-01-01T00:00:00Z, pas "
                + "le 2025-06-06T08:15:00Z.");
    }

    @Test
    void cooldownUnderAMinuteIsWorded() {
        RejectionReason reason = ReasonCode.COOLDOWN.word(OFFER, Duration.ofSeconds(45));

        assertThat(reason.english()).isEqualTo("the customer was offered it less than 45 seconds before, its "
                + "cooldown");
        assertThat(reason.french()).isEqualTo("son délai de carence (45 secondes) n'est pas écoulé depuis qu'elle a "
                + "été proposée au client");
    }

    @Test
    void ruleSentenceBecomesAClause() {
        assertThat(DecisionExplanations.asClause("The store is closed.")).isEqualTo("the store is closed");
        assertThat(DecisionExplanations.asClause("SMS is off.")).isEqualTo("SMS is off");
        assertThat(DecisionExplanations.asClause("the store is closed")).isEqualTo("the store is closed");
    }

    @Test
    void ruleReasonIsFramedAsASentence() {
        CandidateReport report = new CandidateReport(OFFER, CandidateReport.REJECTED, "rules",
                "The store is closed at the moment of contact.", "Le magasin est fermé au moment du contact.", null,
                List.of("No offer is pushed for a store that is closed"));

        assertThat(DecisionExplanations.notChosen(report, Language.EN)).isEqualTo("Offer STORE-WELCOME-10 was not "
                + "chosen because the store is closed at the moment of contact.");
        assertThat(DecisionExplanations.notChosen(report, Language.FR)).isEqualTo("L'offre STORE-WELCOME-10 n'a pas "
                + "été retenue parce que le magasin est fermé au moment du contact.");
    }

    @Test
    void frenchElidesQueBeforeAVowel() {
        CandidateReport report = new CandidateReport(OFFER, CandidateReport.REJECTED, "rules",
                "No offer is made on the GEOFENCE_DWELL transition.",
                "Aucune offre n'est faite lors de la transition GEOFENCE_DWELL.", null, List.of("Trigger rule"));

        assertThat(DecisionExplanations.notChosen(report, Language.FR)).isEqualTo("L'offre STORE-WELCOME-10 n'a pas "
                + "été retenue parce qu'aucune offre n'est faite lors de la transition GEOFENCE_DWELL.");
    }

    @Test
    void englishOnlyReasonFramedInFrench() {
        CandidateReport report = new CandidateReport(OFFER, CandidateReport.REJECTED, "holdout",
                "the customer is in the holdout group, which receives no offer", null, null, List.of());

        assertThat(DecisionExplanations.notChosen(report, Language.FR)).isEqualTo("L'offre STORE-WELCOME-10 n'a pas "
                + "été retenue ; sa raison n'a été enregistrée qu'en anglais : the customer is in the holdout group, "
                + "which receives no offer.");
        assertThat(DecisionExplanations.notChosen(report, Language.EN)).isEqualTo("Offer STORE-WELCOME-10 was not "
                + "chosen because the customer is in the holdout group, which receives no offer.");
    }

    private static Offer offerValid(String from, String to) {
        return new Offer(OFFER, null, "Bienvenue", "Welcome", 10, Instant.parse(from), Instant.parse(to), null, null);
    }

    private static CandidateReport rejectedFor(RejectionReason reason) {
        return new CandidateReport(OFFER, CandidateReport.REJECTED, "contact-policy", reason.english(),
                reason.french(), null, List.of());
    }
}
