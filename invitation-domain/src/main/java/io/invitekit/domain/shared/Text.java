package io.invitekit.domain.shared;

/** Checks shared by the values that hold free text typed by people. */
public final class Text {
    private Text() {
    }

    /**
     * True for characters that can change how surrounding text is shown or read: C0/C1 controls
     * (CR and LF among them) and the bidirectional embedding, override and isolate characters.
     */
    public static boolean isUnsafe(int codePoint) {
        return Character.isISOControl(codePoint)
                || (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x2028 || codePoint == 0x2029;
    }

    public static boolean hasUnsafe(String text) {
        return text.codePoints().anyMatch(Text::isUnsafe);
    }
}
