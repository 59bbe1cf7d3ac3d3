package io.invitekit.bootstrap;

import java.util.List;

/** Settings that cannot be used; each problem names its variable and what it should be. */
public final class ConfigurationException extends RuntimeException {
    private final List<String> problems;

    public ConfigurationException(String message) {
        this(List.of(message));
    }

    /** Every problem found, in the order the settings were read. */
    public ConfigurationException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
