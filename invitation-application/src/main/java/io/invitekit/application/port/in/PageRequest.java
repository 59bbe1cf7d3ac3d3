package io.invitekit.application.port.in;

/** {@code limit} (default 50, at most 200) and the opaque {@code cursor} of the page before, both optional. */
public record PageRequest(Integer limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest first() {
        return new PageRequest(null, null);
    }
}
