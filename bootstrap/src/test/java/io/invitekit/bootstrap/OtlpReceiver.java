package io.invitekit.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP traces receiver for tests: {@code POST /v1/traces} with a protobuf
 * {@code ExportTraceServiceRequest}, read with a few lines of protobuf wire format (enough for
 * span ids, names, kinds and string or integer attributes) rather than the generated classes.
 * It keeps every body as it came, so that a test can look for a secret in all of it.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One span as received: ids in hex, attributes as text. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, int kind,
                        Map<String, String> attributes, Map<String, String> resource) {
        public String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::handle);
        server.start();
        return receiver;
    }

    public URI tracesUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            InputStream in = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            byte[] body = in.readAllBytes();
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            spans.addAll(parseRequest(body));
            bodies.add(body);
            synchronized (this) {
                notifyAll();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
        }
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public int requests() {
        return bodies.size();
    }

    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** Whether these bytes (UTF-8) appear anywhere in anything received. */
    public boolean anyBodyContains(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return bodies.stream().anyMatch(body -> indexOf(body, needle) >= 0);
    }

    /** The first span matching, waiting for it up to {@code timeout} (the exporter sends in batches). */
    public ReceivedSpan await(Predicate<ReceivedSpan> wanted, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<ReceivedSpan> found = spans.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no span " + what + " within " + timeout + "; received: "
                        + spans.stream().map(ReceivedSpan::name).toList());
            }
            synchronized (this) {
                // Woken by the next export; bounded, since the check above ran outside the lock.
                wait(Math.max(1, Math.min(200, Duration.between(Instant.now(), deadline).toMillis())));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- protobuf wire format -------------------------------------------------------------

    /** ExportTraceServiceRequest: resource_spans = 1. */
    static List<ReceivedSpan> parseRequest(byte[] body) {
        List<ReceivedSpan> found = new ArrayList<>();
        for (Field resourceSpans : fields(body)) {
            if (resourceSpans.number == 1) {
                Map<String, String> resource = new LinkedHashMap<>();
                List<byte[]> scopeSpans = new ArrayList<>();
                for (Field f : fields(resourceSpans.bytes)) {
                    if (f.number == 1) { // Resource: attributes = 1
                        fields(f.bytes).stream().filter(a -> a.number == 1).forEach(a -> keyValue(a.bytes, resource));
                    } else if (f.number == 2) {
                        scopeSpans.add(f.bytes);
                    }
                }
                for (byte[] scope : scopeSpans) { // ScopeSpans: spans = 2
                    fields(scope).stream().filter(f -> f.number == 2).forEach(f -> found.add(span(f.bytes, resource)));
                }
            }
        }
        return found;
    }

    /** Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, attributes 9. */
    private static ReceivedSpan span(byte[] bytes, Map<String, String> resource) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field f : fields(bytes)) {
            switch (f.number) {
                case 1 -> traceId = HexFormat.of().formatHex(f.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(f.bytes);
                case 4 -> parent = HexFormat.of().formatHex(f.bytes);
                case 5 -> name = new String(f.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) f.varint;
                case 9 -> keyValue(f.bytes, attributes);
                default -> { }
            }
        }
        return new ReceivedSpan(traceId, spanId, parent, name, kind, Map.copyOf(attributes), Map.copyOf(resource));
    }

    /** KeyValue: key 1, value 2 (AnyValue: string 1, bool 2, int 3, double 4 (fixed64)). */
    private static void keyValue(byte[] bytes, Map<String, String> into) {
        String key = null;
        String value = null;
        for (Field f : fields(bytes)) {
            if (f.number == 1) {
                key = new String(f.bytes, StandardCharsets.UTF_8);
            } else if (f.number == 2) {
                for (Field v : fields(f.bytes)) {
                    value = switch (v.number) {
                        case 1 -> new String(v.bytes, StandardCharsets.UTF_8);
                        case 2 -> Boolean.toString(v.varint != 0);
                        case 3 -> Long.toString(v.varint);
                        case 4 -> Double.toString(Double.longBitsToDouble(v.varint));
                        default -> "(" + v.number + ")";
                    };
                }
            }
        }
        if (key != null) {
            into.put(key, value);
        }
    }

    /** One field: its number, and its value as a varint (wire types 0, 1, 5) or bytes (type 2). */
    private record Field(int number, long varint, byte[] bytes) {
    }

    private static List<Field> fields(byte[] bytes) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < bytes.length) {
            long tag = varint(bytes, at);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(bytes, at), null));
                case 1 -> fields.add(new Field(number, fixed(bytes, at, 8), null));
                case 5 -> fields.add(new Field(number, fixed(bytes, at, 4), null));
                case 2 -> {
                    int length = (int) varint(bytes, at);
                    byte[] value = java.util.Arrays.copyOfRange(bytes, at[0], at[0] + length);
                    at[0] += length;
                    fields.add(new Field(number, 0, value));
                }
                default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " is not protobuf this receiver reads");
            }
        }
        return fields;
    }

    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static long fixed(byte[] bytes, int[] at, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (bytes[at[0]++] & 0xff) << (8 * i);
        }
        return value;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
