package io.invitekit.domain.account;

/**
 * Where a session was opened from, as the client said: its address and its user agent, both
 * optional. Only shown back to the account's owner (its list of sessions); long or odd values are
 * cut to what is stored ({@value #MAX_USER_AGENT} characters of user agent, control characters
 * dropped), never refused.
 */
public record SessionOrigin(String clientAddress, String userAgent) {
    public static final int MAX_USER_AGENT = 255;
    public static final int MAX_CLIENT_ADDRESS = 64;
    public static final SessionOrigin UNKNOWN = new SessionOrigin(null, null);

    public SessionOrigin {
        clientAddress = cut(clientAddress, MAX_CLIENT_ADDRESS);
        userAgent = cut(userAgent, MAX_USER_AGENT);
    }

    /**
     * At most {@code max} UTF-16 units (so at most {@code max} characters in every database's
     * count, H2's and PostgreSQL's), whole code points only, no control characters, blank as null.
     */
    private static String cut(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            if (kept.length() + Character.charCount(cp) > max) {
                break;
            }
            kept.appendCodePoint(cp);
        }
        String result = kept.toString().strip();
        return result.isEmpty() ? null : result;
    }
}
