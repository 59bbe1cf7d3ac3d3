package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.domain.shared.Text;

/** Small helpers shared by the templates: how values become safe single lines, and how rendering fails. */
final class Rendering {
    private static final int MAX_QUOTED = 60;

    private Rendering() {
    }

    /**
     * A value meant to sit on one line of a body (a name, a tier): line breaks, other control
     * characters and text-direction overrides become spaces, so a value can never start a new
     * line, however it got past the domain's own checks.
     */
    static String oneLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Text.isUnsafe(c) ? ' ' : c));
        return out.toString().strip();
    }

    /** A message that cannot be rendered will not render on a retry either. */
    static MailDeliveryException failed(String reason) {
        return new MailDeliveryException("the email cannot be rendered: " + reason, true, null);
    }

    /** Something unknown, cut short and on one line, fit for an error message. */
    static String quoted(String value) {
        String line = value == null ? "null" : oneLine(value);
        return "\"" + (line.length() > MAX_QUOTED ? line.substring(0, MAX_QUOTED) + "…" : line) + "\"";
    }
}
