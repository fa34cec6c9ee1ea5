package io.solomo.decision.purchase;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Finds the follow-up email of a purchase among the messages GreenMail received, by its delivery id. */
final class FollowUpMail {

    private FollowUpMail() {
    }

    /** Waits until the follow-up of the purchase has a delivery in one of these statuses, and returns its id. */
    static String awaitDelivery(JdbcTemplate jdbc, String purchaseId, String... statuses) {
        return await(() -> {
            List<String> ids = jdbc.queryForList("select d.delivery_id from purchase_follow_up f "
                    + "join delivery d on d.delivery_id = f.delivery_id where f.purchase_id = ? and d.status in ("
                    + String.join(", ", Arrays.stream(statuses).map(status -> "'" + status + "'").toList()) + ")",
                    String.class, purchaseId);
            return ids.stream().findFirst();
        }, "the follow-up of purchase " + purchaseId + " to reach " + String.join(" or ", statuses));
    }

    static Optional<MimeMessage> find(GreenMail smtp, String deliveryId) {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                String[] header = message.getHeader("X-Solomo-Delivery-Id");
                if (header != null && header[0].equals(deliveryId)) {
                    return Optional.of(message);
                }
            } catch (MessagingException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }
        return Optional.empty();
    }

    static MimeMessage awaitMessage(GreenMail smtp, String deliveryId) {
        return await(() -> find(smtp, deliveryId), "an email with delivery id " + deliveryId);
    }

    /** Returns the text/plain part of a message. */
    static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int index = 0; index < multipart.getCount(); index++) {
                    BodyPart child = multipart.getBodyPart(index);
                    String text = text(child);
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    static <T> T await(Supplier<Optional<T>> found, String awaited) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = found.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
        throw new AssertionError("timed out after 30 s waiting for " + awaited);
    }
}
