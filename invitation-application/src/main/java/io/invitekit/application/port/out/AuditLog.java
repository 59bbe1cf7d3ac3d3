package io.invitekit.application.port.out;

/** Where audit events go; joins the surrounding transaction. */
public interface AuditLog {
    void record(AuditEvent event);
}
