package io.solomo.decision.delivery;

import io.solomo.decision.web.InvalidFieldException;
import io.solomo.decision.web.NotFoundException;
import io.solomo.model.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;

/**
 * The public unsubscribe link of emails. {@code GET} shows a page with a button, so that mail scanners following
 * links do not unsubscribe anyone; {@code POST}, from that button or from a mail client's one-click unsubscribe
 * (RFC 8058), withdraws the consent. The link's signature replaces a login.
 */
@RestController
class UnsubscribeController {

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeController.class);

    private final UnsubscribeLinks links;
    private final ConsentWithdrawal consents;

    UnsubscribeController(UnsubscribeLinks links, ConsentWithdrawal consents) {
        this.links = links;
        this.consents = consents;
    }

    @GetMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    String confirm(@RequestParam String customer, @RequestParam String channel, @RequestParam String signature) {
        Channel checked = verified(customer, channel, signature);
        String action = "/unsubscribe?customer=" + HtmlUtils.htmlEscape(customer) + "&amp;channel=" + checked.name()
                + "&amp;signature=" + HtmlUtils.htmlEscape(signature);
        return page("""
                <form method="post" action="%s">
                  <p lang="fr">Ne plus recevoir nos offres %s&#8239;?</p>
                  <p lang="en">Stop receiving our offers %s?</p>
                  <button type="submit">Me désabonner / Unsubscribe</button>
                </form>""".formatted(action, frenchChannelPhrase(checked), englishChannelPhrase(checked)));
    }

    /**
     * Shows the customer a page in both languages, instead of an API problem, when the link is invalid, lacks a
     * parameter (a mail client may cut a long link), or its customer no longer exists.
     */
    @ExceptionHandler({InvalidFieldException.class, MissingServletRequestParameterException.class,
            NotFoundException.class})
    ResponseEntity<String> invalidLink(Exception failure) {
        HttpStatus status = failure instanceof NotFoundException ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST;
        log.info("Rejected unsubscribe request: {}", failure.getMessage());
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page("""
                <p lang="fr">Ce lien de désabonnement n'est pas valide. Utilisez le lien de notre dernier message,
                  tel que vous l'avez reçu.</p>
                <p lang="en">This unsubscribe link is not valid. Use the link of our latest message, as you
                  received it.</p>"""));
    }

    /** Returns how the offers reach the customer on this channel, as the end of a French sentence. */
    private static String frenchChannelPhrase(Channel channel) {
        return switch (channel) {
            case PUSH -> "par notification push";
            case SMS -> "par SMS";
            case EMAIL -> "par e-mail";
            case WEBHOOK -> "par l'intermédiaire de nos partenaires";
            case IN_APP -> "dans l'application";
        };
    }

    /** Returns how the offers reach the customer on this channel, as the end of an English sentence. */
    private static String englishChannelPhrase(Channel channel) {
        return switch (channel) {
            case PUSH -> "by push notification";
            case SMS -> "by SMS";
            case EMAIL -> "by email";
            case WEBHOOK -> "through our partners";
            case IN_APP -> "in the app";
        };
    }

    @PostMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    String unsubscribe(@RequestParam String customer, @RequestParam String channel, @RequestParam String signature) {
        Channel checked = verified(customer, channel, signature);
        if (!consents.withdraw(customer, checked, "unsubscribe-link")) {
            throw new NotFoundException("customer", "customer", customer);
        }
        return page("""
                <p lang="fr">C'est fait&nbsp;: vous ne recevrez plus nos offres %s.</p>
                <p lang="en">Done: you will no longer receive our offers %s.</p>"""
                .formatted(frenchChannelPhrase(checked), englishChannelPhrase(checked)));
    }

    private Channel verified(String customer, String channel, String signature) {
        Channel parsed;
        try {
            parsed = Channel.parse(channel);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("channel", channel, unknown.getMessage());
        }
        if (!links.verify(customer, parsed, signature)) {
            throw new InvalidFieldException("signature", signature,
                    "the unsubscribe link is invalid; use the link of the latest message as received");
        }
        return parsed;
    }

    /** Wraps the content in a page that a phone's browser lays out at the screen's width, not a desktop width. */
    private static String page(String content) {
        return """
                <!DOCTYPE html>
                <html><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
                <title>Désabonnement / Unsubscribe</title></head>
                <body>%s</body></html>""".formatted(content);
    }
}
