package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Text;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The checks every header value passes before a message is built. A line break in a header value
 * is how one value becomes several headers (a {@code Bcc:} nobody asked for), so any CR, LF or
 * other control character refuses the whole message, for good: the same data fails the same way
 * on every retry.
 */
final class HeaderSafety {
    private HeaderSafety() {
    }

    /** @return {@code value}, when it holds no line break, control or text-direction character */
    static String singleLine(String header, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw refused("the " + header + " header would contain a line break (CR or LF)");
        }
        if (Text.hasUnsafe(value)) {
            throw refused("the " + header + " header would contain a control or text-direction character");
        }
        return value;
    }

    /**
     * The recipient as exactly one plain address, checked twice: by the domain's rules (already,
     * through {@link EmailAddress}) and by Jakarta Mail's strict RFC 822 parser, which refuses what
     * the domain lets through but a mail server would read differently (a second address, a
     * route, a display name, a quoted local part with odd contents…).
     */
    static InternetAddress recipient(EmailAddress to) {
        String address = singleLine("To", to.value());
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            if (parsed.isGroup() || parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
                throw refused("the recipient is not one plain email address");
            }
            return parsed;
        } catch (AddressException invalid) {
            throw refused("the recipient is not a valid email address (" + Rendering.oneLine(invalid.getMessage()) + ")");
        }
    }

    private static MailDeliveryException refused(String reason) {
        return new MailDeliveryException(reason + "; nothing was sent", true, null);
    }
}
