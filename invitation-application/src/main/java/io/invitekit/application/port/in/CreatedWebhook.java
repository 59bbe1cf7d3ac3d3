package io.invitekit.application.port.in;

/** A webhook endpoint just registered (or its secret just rotated), and its signing secret, shown this once ({@code whsec_…}). */
public record CreatedWebhook(WebhookView webhook, String secret) {
    @Override
    public String toString() {
        return "CreatedWebhook[" + webhook.id() + ", secret redacted]";
    }
}
