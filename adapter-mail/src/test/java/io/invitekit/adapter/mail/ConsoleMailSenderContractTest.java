package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.MailSender;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.testing.contract.MailSenderContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The MailSender contract for the development fallback: what it "took" is what it logged (slf4j-simple
 * writes to System.err in the tests). It reaches no other system, so the unreachable cases are skipped.
 */
class ConsoleMailSenderContractTest extends MailSenderContract {
    private static final Pattern LOGGED_RECIPIENT = Pattern.compile("ConsoleMailSender.* to (\\S+), subject \"");

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final MailSender sender = new ConsoleMailSender();
    private PrintStream originalErr;

    @BeforeEach
    void captureTheLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    @Override
    protected MailSender sender() {
        return sender;
    }

    @Override
    protected Optional<List<EmailAddress>> taken(int atLeast) {
        return Optional.of(captured.toString(StandardCharsets.UTF_8).lines().map(LOGGED_RECIPIENT::matcher)
                .filter(Matcher::find).map(found -> EmailAddress.of(found.group(1))).toList());
    }
}
