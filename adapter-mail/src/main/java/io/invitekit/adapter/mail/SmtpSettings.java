package io.invitekit.adapter.mail;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Text;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the SMTP server and who the mail is from. An invalid value cannot be built, so a
 * bad configuration stops start-up instead of failing every email later.
 *
 * @param username   null for a server without authentication; then {@code password} is null too
 * @param startTls   upgrade the connection with STARTTLS before anything else is said, and refuse
 *                   to go on in clear text when the server does not offer it
 * @param fromName   the display name of the sender (the platform name); null or blank for none
 */
public record SmtpSettings(
        String host,
        int port,
        String username,
        String password,
        boolean startTls,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        EmailAddress from,
        String fromName) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    public SmtpSettings {
        if (host == null || host.isBlank() || host.codePoints().anyMatch(c -> Character.isWhitespace(c) || Text.isUnsafe(c))) {
            throw new IllegalArgumentException("the SMTP host is a host name or address without spaces");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the SMTP port is between 1 and 65535");
        }
        if (username != null && (username.isEmpty() || Text.hasUnsafe(username))) {
            throw new IllegalArgumentException("the SMTP user is null or a non-empty single line");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("the SMTP user and password are given together or not at all");
        }
        connectTimeout = requireTimeout(connectTimeout, "connect");
        readTimeout = requireTimeout(readTimeout, "read");
        writeTimeout = requireTimeout(writeTimeout, "write");
        Objects.requireNonNull(from, "from");
        try {
            new InternetAddress(from.value(), true).validate();
        } catch (AddressException invalid) {
            throw new IllegalArgumentException("the From address is not a valid email address", invalid);
        }
        fromName = fromName == null || fromName.isBlank() ? null : fromName.strip();
        if (fromName != null && Text.hasUnsafe(fromName)) {
            throw new IllegalArgumentException("the From name is one line without control characters");
        }
    }

    /** No authentication, no STARTTLS, the default timeouts. */
    public static SmtpSettings of(String host, int port, EmailAddress from, String fromName) {
        return new SmtpSettings(host, port, null, null, false, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_WRITE_TIMEOUT, from, fromName);
    }

    public SmtpSettings withCredentials(String user, String secret) {
        return new SmtpSettings(host, port, user, secret, startTls, connectTimeout, readTimeout, writeTimeout, from, fromName);
    }

    public SmtpSettings withStartTls(boolean enabled) {
        return new SmtpSettings(host, port, username, password, enabled, connectTimeout, readTimeout, writeTimeout, from,
                fromName);
    }

    public SmtpSettings withTimeouts(Duration connect, Duration read, Duration write) {
        return new SmtpSettings(host, port, username, password, startTls, connect, read, write, from, fromName);
    }

    private static Duration requireTimeout(Duration timeout, String which) {
        Objects.requireNonNull(timeout, which + "Timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the SMTP " + which + " timeout is positive and below 24 days");
        }
        return timeout;
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", user=" + username
                + ", password=" + (password == null ? "none" : "(hidden)") + ", startTls=" + startTls
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout
                + ", from=" + from + ", fromName=" + fromName + "]";
    }
}
