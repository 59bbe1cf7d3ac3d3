package io.invitekit.adapter.jdbi.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Small values kept in one text column: string maps as URL-encoded {@code k=v&k=v} (keys
 * sorted, so equal maps are equal text), and name sets as comma-separated lists.
 */
public final class TextCodec {
    private TextCodec() {
    }

    public static String encodeMap(Map<String, String> map) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(map).forEach((key, value) -> {
            if (text.length() > 0) {
                text.append('&');
            }
            text.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return text.toString();
    }

    static Map<String, String> decodeMap(String text) {
        Map<String, String> map = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return map;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException("not an encoded map entry: " + pair);
            }
            map.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    /** Names that never contain a comma (enum wire names, feature flag keys). */
    static String encodeNames(Collection<String> names) {
        return String.join(",", names.stream().sorted().toList());
    }

    static List<String> decodeNames(String text) {
        List<String> names = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return names;
        }
        for (String name : text.split(",")) {
            names.add(name);
        }
        return names;
    }
}
