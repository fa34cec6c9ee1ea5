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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replies that the SMS gateway forwards. A reply whose first word is an opt-out keyword withdraws the SMS marketing
 * consent of the customer with that phone number. The keywords are STOP (so "STOP SMS" too), STOPALL, UNSUBSCRIBE,
 * ARRET, DESABONNER and DESINSCRIPTION, in any case and with or without accents. French carriers count a reply that
 * is the keyword alone. This controller also counts a reply that starts with it ("stop spamming me please"), because
 * a missed opt-out keeps sending marketing to someone who asked to stop. A keyword after another word ("please stop")
 * does not count, since such a reply may be about something else.
 */
@RestController
class SmsInboundController {

    private static final Logger log = LoggerFactory.getLogger(SmsInboundController.class);
    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "ARRET", "DESABONNER",
            "DESINSCRIPTION");
    /** A word of letters or digits, so that punctuation around a keyword ("STOP.", "«STOP»") is left out. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

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

    /** Returns whether the first word of the reply, accents and case aside, is an opt-out keyword. */
    static boolean isStop(String text) {
        if (text == null) {
            return false;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
        Matcher firstWord = WORD.matcher(plain);
        return firstWord.find() && STOP_WORDS.contains(firstWord.group());
    }

    /** An inbound SMS: the sender's number in E.164 form and the text. */
    record InboundBody(String from, String text) {
    }

    /** The effect of a reply: {@code CONSENT_WITHDRAWN}, {@code IGNORED} or {@code UNKNOWN_SENDER}. */
    record InboundView(String outcome) {
    }
}
