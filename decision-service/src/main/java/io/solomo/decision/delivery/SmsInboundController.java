package io.solomo.decision.delivery;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.model.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Replies that the SMS gateway forwards. A reply whose first word is STOP (or ARRET, ARRÊT, UNSUBSCRIBE) withdraws
 * the SMS marketing consent of the customer with that phone number.
 */
@RestController
class SmsInboundController {

    private static final Logger log = LoggerFactory.getLogger(SmsInboundController.class);
    private static final Set<String> STOP_WORDS = Set.of("STOP", "ARRET", "UNSUBSCRIBE", "STOPALL");

    private final RecipientAddresses addresses;
    private final ConsentWithdrawal consents;

    SmsInboundController(RecipientAddresses addresses, ConsentWithdrawal consents) {
        this.addresses = addresses;
        this.consents = consents;
    }

    @PostMapping("/api/v1/sms/inbound")
    InboundView inbound(@RequestBody InboundBody body) {
        if (body == null || body.from() == null || body.from().isBlank()) {
            throw new InvalidFieldException("from", null, "from, the sender's phone number, is missing");
        }
        if (!isStop(body.text())) {
            return new InboundView("IGNORED");
        }
        return addresses.customerWithPhone(body.from().trim())
                .map(customerId -> {
                    consents.withdraw(customerId, Channel.SMS, "sms-stop-reply");
                    return new InboundView("CONSENT_WITHDRAWN");
                })
                .orElseGet(() -> {
                    log.warn("STOP reply from a phone number that no customer has");
                    return new InboundView("UNKNOWN_SENDER");
                });
    }

    static boolean isStop(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String firstWord = text.trim().split("\\s+")[0];
        String plain = Normalizer.normalize(firstWord, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        return STOP_WORDS.contains(plain);
    }

    /** An inbound SMS: the sender's number in E.164 form and the text. */
    record InboundBody(String from, String text) {
    }

    /** The effect of a reply: {@code CONSENT_WITHDRAWN}, {@code IGNORED} or {@code UNKNOWN_SENDER}. */
    record InboundView(String outcome) {
    }
}
