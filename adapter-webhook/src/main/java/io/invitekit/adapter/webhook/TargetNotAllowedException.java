package io.invitekit.adapter.webhook;

import java.io.IOException;

/** Every address a webhook's host resolved to is one the guard refuses: no connection is made. */
final class TargetNotAllowedException extends IOException {
    static final String MESSAGE = "the target address is not allowed";

    TargetNotAllowedException() {
        super(MESSAGE);
    }
}
