package io.invitekit.application.port.in;

/** What the holder of an invitation link does. Needs nothing but the token. */
public interface InvitationAcceptanceUseCase {

    /**
     * The invitation behind a link. Changes nothing, since mail scanners fetch links too.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code not_found}, or
     *         {@code invitation_expired}/{@code invitation_cancelled}/{@code invitation_accepted}
     */
    InvitationPreview preview(String token);

    /**
     * Creates tenant, primary domain, owner account (or uses the existing one) and OWNER
     * membership in one transaction, then signs the owner in.
     */
    AcceptResult accept(AcceptCommand command);

    /** {@code contactEmail} and {@code phone} are optional. The owner's email is always the invitation's. */
    record AcceptCommand(
            String token,
            String password,
            String firstName,
            String lastName,
            String businessName,
            String subdomain,
            String contactEmail,
            String phone) {

        @Override
        public String toString() {
            return "AcceptCommand[redacted]";
        }
    }
}
