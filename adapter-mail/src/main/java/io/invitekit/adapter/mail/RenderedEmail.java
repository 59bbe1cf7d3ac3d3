package io.invitekit.adapter.mail;

import java.util.Objects;

/** An email ready to be put on the wire: its subject and the two alternatives of its body. */
public record RenderedEmail(String subject, String text, String html) {
    public RenderedEmail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    @Override
    public String toString() {
        return "RenderedEmail[subject=" + subject + "]"; // the bodies hold links with tokens
    }
}
