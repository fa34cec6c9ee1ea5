package io.solomo.rules;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import io.solomo.model.LoyaltyTier;
import io.solomo.model.offer.ContactContext;
import io.solomo.model.offer.ContactContext.Trigger;
import io.solomo.model.offer.CustomerFacts;
import io.solomo.model.offer.OfferCandidate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Facts, rule names and workbook edits shared by the rule tests. */
final class OfferRulesFixtures {

    static final String WELCOME = "Welcome a customer at any store with 10 % off";
    static final String MORNING_COFFEE = "Offer Gold and Platinum members a coffee at Demo Marché in the morning";
    static final String WEEKEND_FLOWERS = "Offer Silver, Gold and Platinum members flowers in store at the weekend";
    static final String APP_VOUCHER = "Offer 5 EUR off in the app to a customer away from stores";
    static final String CONSENT = "Offers go out only on a channel the customer consented to";

    static final String WORKBOOK = "solomo/offers/offers.drl.xlsx";
    static final String DEMO_MARCHE = "Demo Marché";
    static final String STORE = "store-42";

    /** The bundled rules, compiled once per test JVM because the first build in a JVM takes a second or two. */
    static final OfferRuleBase BUNDLED_RULES = new OfferRuleCompiler().compile("bundled", OfferRuleCompiler.bundledFiles());

    private OfferRulesFixtures() {
    }

    /** Returns a customer with marketing consent for push messages only. */
    static CustomerFacts customer(LoyaltyTier tier) {
        return customer(tier, EnumSet.of(Channel.PUSH));
    }

    static CustomerFacts customer(LoyaltyTier tier, Set<Channel> consentedChannels) {
        return new CustomerFacts("customer-7", tier, Language.FR, List.of(Channel.PUSH, Channel.EMAIL),
                consentedChannels);
    }

    /** Returns a push contact triggered by entering the geofence of a store. */
    static ContactContext atStore(String storeChain, DayOfWeek day, int hour) {
        return new ContactContext(Channel.PUSH, Trigger.GEOFENCE_ENTER, STORE, storeChain, day, hour);
    }

    static ContactContext atStoreBy(Channel channel, String storeChain, DayOfWeek day, int hour) {
        return new ContactContext(channel, Trigger.GEOFENCE_ENTER, STORE, storeChain, day, hour);
    }

    /** Returns a push contact that the app requested while the customer is at no store. */
    static ContactContext awayFromStores(DayOfWeek day, int hour) {
        return new ContactContext(Channel.PUSH, Trigger.API, null, null, day, hour);
    }

    static Optional<OfferCandidate> candidate(RuleOutcome outcome, String offerId) {
        return outcome.candidates().stream().filter(candidate -> candidate.getOfferId().equals(offerId)).findFirst();
    }

    static List<String> offerIds(RuleOutcome outcome) {
        return outcome.candidates().stream().map(OfferCandidate::getOfferId).toList();
    }

    /** Returns the bundled files with the workbook's cell (such as "C17") set to the given text. */
    static Map<String, byte[]> bundledFilesWithCell(String cellReference, String text) {
        Map<String, byte[]> files = new LinkedHashMap<>(OfferRuleCompiler.bundledFiles());
        files.put(WORKBOOK, withCell(files.get(WORKBOOK), cellReference, text));
        return files;
    }

    static byte[] withCell(byte[] workbookContent, String cellReference, String text) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(workbookContent))) {
            CellReference reference = new CellReference(cellReference);
            Sheet sheet = workbook.getSheet("Offers");
            Row row = Optional.ofNullable(sheet.getRow(reference.getRow())).orElseGet(() -> sheet.createRow(reference.getRow()));
            Cell cell = Optional.ofNullable(row.getCell(reference.getCol())).orElseGet(() -> row.createCell(reference.getCol()));
            cell.setCellValue(text);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
