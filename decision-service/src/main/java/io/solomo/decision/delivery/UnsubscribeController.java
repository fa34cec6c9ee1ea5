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
                  <p lang="fr">Ne plus recevoir nos offres par %s ?</p>
                  <p lang="en">Stop receiving our offers by %s?</p>
                  <button type="submit">Me désabonner / Unsubscribe</button>
                </form>""".formatted(action, frenchName(checked), englishName(checked)));
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
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(page("""
                <p lang="fr">Ce lien de désabonnement n'est pas valide. Utilisez le lien de notre dernier message,
                  tel que vous l'avez reçu.</p>
                <p lang="en">This unsubscribe link is not valid. Use the link of our latest message, as you
                  received it.</p>"""));
    }

    private static String frenchName(Channel channel) {
        return switch (channel) {
            case PUSH -> "notification";
            case SMS -> "SMS";
            case EMAIL -> "e-mail";
            case WEBHOOK -> "nos services partenaires";
            case IN_APP -> "message dans l'application";
        };
    }

    private static String englishName(Channel channel) {
        return switch (channel) {
            case PUSH -> "push notification";
            case SMS -> "SMS";
            case EMAIL -> "email";
            case WEBHOOK -> "our partner services";
            case IN_APP -> "in-app message";
        };
    }

    @PostMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    String unsubscribe(@RequestParam String customer, @RequestParam String channel, @RequestParam String signature) {
        Channel checked = verified(customer, channel, signature);
        if (!consents.withdraw(customer, checked, "unsubscribe-link")) {
            throw new NotFoundException("customer", "customer", customer);
        }
        return page("""
                <p lang="fr">C'est fait : vous ne recevrez plus nos offres par ce canal.</p>
                <p lang="en">Done: you will no longer receive our offers on this channel.</p>""");
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

    private static String page(String content) {
        return """
                <!DOCTYPE html>
                <html><head><meta charset="UTF-8"><title>Désabonnement / Unsubscribe</title></head>
                <body>%s</body></html>""".formatted(content);
    }
}
