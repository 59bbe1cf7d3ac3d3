package io.invitekit.application.port.in;

/**
 * A join code as a user typed it, and optionally the address they typed it from (wrong guesses
 * are then limited per address too). The use case reads the code: its length is the deployment's.
 *
 * <pre>{@code JoinWithCode.code("K7QM-3XPA").from(clientAddress)}</pre>
 */
public record JoinWithCode(String code, String clientAddress) {
    public static JoinWithCode code(String typed) {
        return new JoinWithCode(typed, null);
    }

    public JoinWithCode from(String address) {
        return new JoinWithCode(code, address);
    }

    @Override
    public String toString() {
        return "JoinWithCode[redacted]";
    }
}
