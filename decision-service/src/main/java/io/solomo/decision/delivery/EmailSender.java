package io.solomo.decision.delivery;

import io.solomo.decision.SettingChecks;
import io.solomo.model.Channel;
import io.solomo.model.Language;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends offers by email over SMTP ({@code spring.mail.*}): an HTML and a text part from the templates under
 * {@code delivery/email/} in the customer's language, a {@code List-Unsubscribe} header with one-click unsubscribe
 * (RFC 8058), and the delivery id in the {@code Message-ID}, which lets receiving systems drop a re-sent copy.
 * A template's {@code {{couponValidity}}} becomes ", valid until 12 December 2026" (or the French wording) after the
 * coupon code, or nothing for a message without a coupon.
 */
@Component
class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final RecipientAddresses addresses;
    private final UnsubscribeLinks links;
    private final String from;
    private final RateLimit rate;
    private final Map<Language, Template> templates = new EnumMap<>(Language.class);
    private final Map<String, Optional<Template>> ownTemplates = new ConcurrentHashMap<>();

    EmailSender(ObjectProvider<JavaMailSender> mailSender, RecipientAddresses addresses, UnsubscribeLinks links,
                @Value("${solomo.delivery.email.from:offres@solomo.invalid}") String from,
                @Value("${solomo.delivery.email.rate-per-second:0}") double ratePerSecond) {
        this.mailSender = mailSender;
        this.addresses = addresses;
        this.links = links;
        this.from = from;
        this.rate = new RateLimit(SettingChecks.notNegative("solomo.delivery.email.rate-per-second", ratePerSecond));
        if (from.trim().toLowerCase(Locale.ROOT).endsWith(".invalid") && configured()) {
            // The demo's sender is in the .invalid domain that RFC 2606 reserves, which mail servers refuse.
            log.warn("solomo.delivery.email.from is {}, an address that mail servers refuse: set it to the brand's "
                    + "sender address, or every email will fail", from);
        }
        for (Language language : Language.values()) {
            templates.put(language, template("offer-" + language.code(), language));
        }
    }

    boolean configured() {
        return mailSender.getIfAvailable() != null;
    }

    String send(OutboundMessage message) {
        String to = addresses.emailOf(message.customerId()).orElseThrow(() -> DeliveryFailure.noRecipient(
                "customer " + message.customerId() + " has no email address"));
        JavaMailSender sender = mailSender.getObject();
        String unsubscribeUrl = links.unsubscribeUrl(message.customerId(), Channel.EMAIL);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", message.title() == null ? message.body() : message.title());
        values.put("body", message.body());
        values.put("couponCode", message.couponCode() == null ? "" : message.couponCode());
        values.put("couponValidity", message.couponValidity() == null ? "" : ", " + message.couponValidity());
        values.put("qrCodeUrl", message.qrCodeUrl() == null ? "" : message.qrCodeUrl());
        values.put("clickUrl", links.clickUrl(message.deliveryId()));
        values.put("unsubscribeUrl", unsubscribeUrl);
        Template template = templateFor(message.offerId(), message.language());

        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(values.get("title"));
            helper.setText(fill(template.text(), values, false), fill(template.html(), values, true));
            mime.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            mime.setHeader("X-Solomo-Delivery-Id", message.deliveryId());
            mime.saveChanges();
            mime.setHeader("Message-ID", "<" + message.deliveryId() + "@solomo>");
            rate.acquire();
            sender.send(mime);
            return message.deliveryId();
        } catch (MailAuthenticationException rejected) {
            throw DeliveryFailure.permanent("the SMTP server rejected the credentials: " + rejected.getMessage());
        } catch (MailSendException failed) {
            if (rejectsRecipient(failed)) {
                throw DeliveryFailure.permanent("the SMTP server rejected the recipient address: "
                        + failed.getMessage());
            }
            throw DeliveryFailure.transientFailure("sending by SMTP failed: " + failed.getMessage(), failed);
        } catch (MailException | MessagingException failed) {
            throw DeliveryFailure.transientFailure("sending by SMTP failed: " + failed.getMessage(), failed);
        }
    }

    /**
     * Returns whether the SMTP server rejected the recipient for good (a 5xx reply to RCPT), which Jakarta Mail reports
     * as invalid addresses. Spring keeps the exception of each failed message in {@code getMessageExceptions()}
     * rather than as the cause, so both are searched.
     */
    private static boolean rejectsRecipient(MailSendException failed) {
        List<Throwable> candidates = new ArrayList<>(failed.getMessageExceptions().length + 1);
        candidates.addAll(Arrays.asList(failed.getMessageExceptions()));
        candidates.add(failed.getMostSpecificCause());
        for (Throwable candidate : candidates) {
            if (candidate instanceof SendFailedException invalid && invalid.getInvalidAddresses() != null
                    && invalid.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Returns the templates of this offer id when the jar has them, else the offer templates. */
    private Template templateFor(String offerId, Language language) {
        return ownTemplates.computeIfAbsent(offerId + "-" + language.code(), name -> {
            ClassPathResource html = new ClassPathResource("delivery/email/" + name + ".html");
            ClassPathResource text = new ClassPathResource("delivery/email/" + name + ".txt");
            return html.exists() && text.exists() ? Optional.of(template(name, language)) : Optional.empty();
        }).orElse(templates.get(language));
    }

    /**
     * Reads the HTML and text templates named {@code name}. The French text part gets French typography here, as
     * the messages do. The HTML templates write their no-break spaces as {@code &nbsp;}, because this step would
     * also change their markup.
     */
    private static Template template(String name, Language language) {
        String text = read(name + ".txt");
        return new Template(read(name + ".html"), language == Language.FR ? FrenchTypography.apply(text) : text);
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        String filled = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String text = html ? HtmlUtils.htmlEscape(value.getValue(), StandardCharsets.UTF_8.name())
                    : value.getValue();
            filled = filled.replace("{{" + value.getKey() + "}}", text);
        }
        return filled;
    }

    private static String read(String name) {
        try (var in = new ClassPathResource("delivery/email/" + name).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException missing) {
            throw new UncheckedIOException("email template delivery/email/" + name + " is missing", missing);
        }
    }

    private record Template(String html, String text) {
    }
}
