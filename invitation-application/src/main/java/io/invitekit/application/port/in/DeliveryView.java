package io.invitekit.application.port.in;

/** Where an invitation's latest email stands: QUEUED, SENT, RETRYING, DEAD or WITHDRAWN (cancelled unsent). */
public record DeliveryView(String state, int attempts, String lastError) {
    public static final DeliveryView QUEUED = new DeliveryView("QUEUED", 0, null);
}
