package io.invitekit.testing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.in.AcceptedInvitation;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.testing.InMemoryKit;
import io.invitekit.testing.fixtures.Commands;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The published in-memory kit does what its javadoc promises a host's tests. */
class InMemoryKitTest {

    @Test
    void bothFlowsRunOnIt() {
        InMemoryKit it = InMemoryKit.create();
        Actor admin = it.admin();
        UserId owner = it.user("owner@example.org", "Grace", "Hopper");
        UserId friend = it.user("friend@example.org", "Linus", "Friend");

        String token = it.invite(admin, Commands.anInvitation().email("owner@example.org"));
        AcceptedInvitation accepted = it.acceptAs(owner, token, "bright");
        TenantView family = it.kit.tenants().create(Actor.user(owner), Commands.aFamily());
        String code = it.kit.joinCodes().view(Actor.user(owner), family.id()).code();
        it.kit.joinCodes().join(Actor.user(friend), JoinWithCode.code(code));

        assertThat(it.kit.hasAccounts()).isFalse();
        assertThat(accepted.tenant().members()).singleElement()
                .satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
        assertThat(it.kit.tenants().get(Actor.user(friend), family.id()).members()).hasSize(2);
    }

    @Test
    void itsClockMovesTheInvitationsPastTheirExpiry() {
        InMemoryKit it = InMemoryKit.create();
        UserId owner = it.user("late@example.org", "Late", "Owner");
        String token = it.invite(it.admin(), Commands.anInvitation().email("late@example.org").expiresInDays(1));

        it.clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> it.acceptAs(owner, token, "too-late"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_EXPIRED));
    }

    @Test
    void aTokenIsOnlyFoundForAnAddressThatWasMailed() {
        InMemoryKit it = InMemoryKit.create();
        assertThatThrownBy(() -> it.tokenFor("nobody@example.org")).isInstanceOf(IllegalStateException.class);
    }
}
