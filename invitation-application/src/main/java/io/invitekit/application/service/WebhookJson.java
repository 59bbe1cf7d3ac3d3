package io.invitekit.application.service;

import io.invitekit.application.port.out.Event;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The JSON body of a webhook delivery, built without a JSON library (the application ring has
 * none): string values only, escaped as RFC 8259 requires.
 * {@code {"type", "timestamp", "data": {"id", "version", "actor_id", "tenant_id", "subject", …data}}}.
 */
final class WebhookJson {
    private static final Set<String> RESERVED = Set.of("id", "version", "actor_id", "tenant_id", "subject");

    private WebhookJson() {
    }

    static String body(Event event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", event.id().toString());
        data.put("version", event.version());
        data.put("actor_id", event.actor() == null ? null : event.actor().toString());
        data.put("tenant_id", event.tenant() == null ? null : event.tenant().toString());
        data.put("subject", event.subject());
        // The event's own values after the envelope's; one named like an envelope field gives way.
        event.data().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !RESERVED.contains(e.getKey()))
                .forEach(e -> data.put(e.getKey(), e.getValue()));
        return envelope(event.type().wireName(), event.occurredAt().toString(), data);
    }

    static String envelope(String type, String timestamp, Map<String, Object> data) {
        StringBuilder json = new StringBuilder(256).append("{\"type\":");
        string(json, type);
        json.append(",\"timestamp\":");
        string(json, timestamp);
        json.append(",\"data\":{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, entry.getKey());
            json.append(':');
            Object value = entry.getValue();
            if (value == null) {
                json.append("null");
            } else if (value instanceof Integer || value instanceof Long) {
                json.append(value);
            } else {
                string(json, value.toString());
            }
        }
        return json.append("}}").toString();
    }

    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    // Other control characters, U+2028/U+2029 (line breaks to JavaScript) and a lone
                    // surrogate (no UTF-8 form) escaped; the rest of Unicode, pairs too, as it is.
                    boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (paired) {
                        json.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
