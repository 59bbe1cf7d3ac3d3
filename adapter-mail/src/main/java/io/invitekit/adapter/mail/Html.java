package io.invitekit.adapter.mail;

/**
 * Escapes text for HTML. The result is safe as element content and inside a double- or
 * single-quoted attribute value (an {@code href}, say); it is not meant for unquoted attributes,
 * scripts or styles, which the templates never fill with values.
 */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
