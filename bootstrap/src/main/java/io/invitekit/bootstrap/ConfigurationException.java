package io.invitekit.bootstrap;

/** A setting that cannot be used; the message names the variable and what it should be. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message, null, false, false);
    }
}
