package io.solomo.decision.delivery;

import io.solomo.model.Channel;
import io.solomo.model.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The email sender against an SMTP server in the JVM whose RCPT reply each test sets, and an identity table in an
 * in-memory H2 database.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmailSenderTests {

    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
            "jdbc:h2:mem:email-sender-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    private ReplyingSmtpServer smtp;

    @AfterEach
    void stopSmtp() throws IOException {
        smtp.close();
    }

    @Test
    void rejectedRecipientIsPermanent() {
        smtp = new ReplyingSmtpServer("550 5.1.1 <fabien@example.fr>: no such user");

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> emailSender().send(message()));

        assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.PERMANENT);
        assertThat(failure).hasMessageContaining("rejected the recipient address");
    }

    @Test
    void busyMailboxIsTransient() {
        smtp = new ReplyingSmtpServer("450 4.2.1 mailbox busy, try again later");

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> emailSender().send(message()));

        assertThat(failure.kind()).isEqualTo(DeliveryFailure.Kind.TRANSIENT);
    }

    @Test
    void acceptedRecipientIsSent() {
        smtp = new ReplyingSmtpServer("250 2.1.5 ok");

        assertThat(emailSender().send(message())).isEqualTo("delivery-1");
        assertThat(smtp.messagesReceived()).isEqualTo(1);
    }

    @Test
    void reservedSenderDomainIsWarned(CapturedOutput output) {
        smtp = new ReplyingSmtpServer("250 2.1.5 ok");

        emailSender("offres@solomo.invalid");

        assertThat(output.getOut()).contains("solomo.delivery.email.from is offres@solomo.invalid");
    }

    private EmailSender emailSender() {
        return emailSender("offres@example.fr");
    }

    private EmailSender emailSender(String from) {
        jdbc.execute("create table customer_identity (id bigint auto_increment primary key, "
                + "customer_id varchar(100), identity_type varchar(30), identity_value varchar(320))");
        jdbc.update("insert into customer_identity (customer_id, identity_type, identity_value) values (?, ?, ?)",
                "customer-1", "EMAIL", "fabien@example.fr");
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.port());
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("mailSender", mail);
        return new EmailSender(beans.getBeanProvider(JavaMailSender.class), new RecipientAddresses(jdbc),
                new UnsubscribeLinks("a-test-secret-of-some-length", "http://127.0.0.1"), from, 0);
    }

    private static OutboundMessage message() {
        return new OutboundMessage("delivery-1", "decision-1", "customer-1", "STORE-WELCOME-10", null, Channel.EMAIL,
                Language.FR, "-10 %", "-10 % aujourd'hui", null, null, null, null, 0, null);
    }

    /** An SMTP server on a loopback port that replies to RCPT with a set reply and accepts everything else. */
    private static final class ReplyingSmtpServer implements AutoCloseable {

        private final ServerSocket socket;
        private final String rcptReply;
        private volatile int messagesReceived;

        ReplyingSmtpServer(String rcptReply) {
            this.rcptReply = rcptReply;
            try {
                socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            Thread thread = new Thread(this::serve, "smtp-stand-in");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int messagesReceived() {
            return messagesReceived;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                             StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    converse(in, out);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void converse(BufferedReader in, PrintWriter out) throws IOException {
            reply(out, "220 stand-in ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 stand-in");
                } else if (command.startsWith("RCPT")) {
                    reply(out, rcptReply);
                } else if (command.equals("DATA")) {
                    reply(out, "354 end with a dot");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // The message body is not checked here.
                    }
                    messagesReceived++;
                    reply(out, "250 queued");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        }

        private static void reply(PrintWriter out, String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
