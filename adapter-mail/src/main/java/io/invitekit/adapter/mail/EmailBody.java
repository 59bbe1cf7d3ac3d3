package io.invitekit.adapter.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * The content of an email as a few kinds of blocks, written once and formatted twice: as plain
 * text and as HTML. Because both parts come from the same blocks they cannot drift apart, and
 * the HTML side escapes every piece of text it writes, whatever its origin.
 */
final class EmailBody {
    private static final String BODY_STYLE = "margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;"
            + "font-size:16px;line-height:1.5;color:#1f2933;";
    private static final String BUTTON_STYLE = "display:inline-block;padding:12px 20px;background:#2457c5;"
            + "color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;";
    private static final String HINT_STYLE = "font-size:14px;color:#52606d;";

    private sealed interface Block permits Paragraph, Bullets, Action {
        String text();

        void html(StringBuilder out);
    }

    /** Lines kept together; in HTML, one paragraph with line breaks. */
    private record Paragraph(List<String> lines) implements Block {
        public String text() {
            return String.join("\n", lines);
        }

        public void html(StringBuilder out) {
            out.append("<p>").append(String.join("<br>\n", escaped(lines))).append("</p>\n");
        }
    }

    private record Bullets(String heading, List<String> items) implements Block {
        public String text() {
            return heading + "\n- " + String.join("\n- ", items);
        }

        public void html(StringBuilder out) {
            out.append("<p>").append(Html.escape(heading)).append("</p>\n<ul>\n");
            escaped(items).forEach(item -> out.append("<li>").append(item).append("</li>\n"));
            out.append("</ul>\n");
        }
    }

    /** The one thing the reader should do: a button in HTML (with the bare link under it), a bare link in text. */
    private record Action(String intro, String label, String fallbackHint, String url) implements Block {
        public String text() {
            return intro + "\n" + url;
        }

        public void html(StringBuilder out) {
            String href = Html.escape(url);
            out.append("<p>").append(Html.escape(intro)).append("</p>\n")
                    .append("<p><a href=\"").append(href).append("\" style=\"").append(BUTTON_STYLE).append("\">")
                    .append(Html.escape(label)).append("</a></p>\n")
                    .append("<p style=\"").append(HINT_STYLE).append("\">").append(Html.escape(fallbackHint))
                    .append("<br>\n<a href=\"").append(href).append("\">").append(href).append("</a></p>\n");
        }
    }

    private final List<Block> blocks = new ArrayList<>();

    EmailBody paragraph(String... lines) {
        blocks.add(new Paragraph(List.of(lines)));
        return this;
    }

    EmailBody bullets(String heading, List<String> items) {
        blocks.add(new Bullets(heading, List.copyOf(items)));
        return this;
    }

    EmailBody action(String intro, String label, String fallbackHint, String url) {
        blocks.add(new Action(intro, label, fallbackHint, url));
        return this;
    }

    String text() {
        return String.join("\n\n", blocks.stream().map(Block::text).toList()) + "\n";
    }

    String html(String title, String language) {
        StringBuilder out = new StringBuilder(2048)
                .append("<!DOCTYPE html>\n")
                .append("<html lang=\"").append(Html.escape(language)).append("\">\n")
                .append("<head>\n<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n</head>\n")
                .append("<body style=\"").append(BODY_STYLE).append("\">\n");
        blocks.forEach(block -> block.html(out));
        return out.append("</body>\n</html>\n").toString();
    }

    private static List<String> escaped(List<String> texts) {
        return texts.stream().map(Html::escape).toList();
    }
}
