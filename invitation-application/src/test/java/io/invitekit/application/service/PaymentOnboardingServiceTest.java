package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.out.PaymentOnboarding;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Only the owner of an active tenant allowed to accept payments begins payment onboarding. */
class PaymentOnboardingServiceTest {
    private final List<String> begun = new CopyOnWriteArrayList<>();
    private final PaymentOnboarding provider = (tenant, owner) -> {
        begun.add(tenant + "/" + owner);
        return Optional.of(URI.create("https://pay.example.com/onboard/" + tenant));
    };
    private final TestKit t = new TestKit(s -> s, (builder, storage) -> builder.paymentOnboarding(provider));
    private final Actor admin = t.admin();

    private record Owned(Actor owner, TenantId tenant) {
    }

    private Owned acceptedInvitation(TestKit kit, Actor root, boolean canAcceptPayments) {
        NewTenantInvitation.Builder invitation = TestKit.invitation("owner@example.org");
        if (canAcceptPayments) {
            invitation.grant(PlatformPermission.CAN_ACCEPT_PAYMENTS);
        }
        AcceptResult accepted = kit.accept(kit.tokenOf(kit.kit.invitations().create(root, invitation)), "bright");
        return new Owned(Actor.user(accepted.auth().user().id()), accepted.tenant().id());
    }

    @Test
    void theOwnerIsSentWhereThePaymentOnboardingPortSays() {
        Owned owned = acceptedInvitation(t, admin, true);

        assertThat(t.kit.payments().begin(owned.owner(), owned.tenant()))
                .contains(URI.create("https://pay.example.com/onboard/" + owned.tenant()));
        assertThat(begun).containsExactly(owned.tenant() + "/" + owned.owner().id());
    }

    @Test
    void byDefaultThereIsNowhereToGo() {
        TestKit plain = new TestKit();
        Owned owned = acceptedInvitation(plain, plain.admin(), true);

        assertThat(plain.kit.payments().begin(owned.owner(), owned.tenant())).isEmpty();
    }

    @Test
    void aTenantWithoutThePaymentsPermissionIsRefused() {
        Owned owned = acceptedInvitation(t, admin, false);

        refused(ErrorCode.FORBIDDEN, () -> t.kit.payments().begin(owned.owner(), owned.tenant()));
        Actor parent = t.newUser();
        TenantId family = t.family(parent, "The Smiths").id();
        refused(ErrorCode.FORBIDDEN, () -> t.kit.payments().begin(parent, family));
        assertThat(begun).isEmpty();
    }

    @Test
    void onlyTheOwnerMayBeginAndStrangersAreToldNothing() {
        Owned owned = acceptedInvitation(t, admin, true);
        String code = t.kit.joinCodes().view(owned.owner(), owned.tenant()).code();
        Actor member = t.newUser();
        t.kit.joinCodes().join(member, JoinWithCode.code(code));
        Actor tenantAdmin = t.newUser();
        t.storage.memberships().add(new Membership(owned.tenant(), tenantAdmin.id(), Role.ADMIN, TestKit.START),
                Limit.UNLIMITED);

        refused(ErrorCode.FORBIDDEN, () -> t.kit.payments().begin(member, owned.tenant()));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.payments().begin(tenantAdmin, owned.tenant()));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.payments().begin(admin, owned.tenant()));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.payments().begin(t.newUser(), owned.tenant()));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.payments().begin(owned.owner(), new TenantId(UUID.randomUUID())));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.payments().begin(owned.owner(), null));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.payments().begin(null, owned.tenant()));
        assertThat(begun).isEmpty();
    }

    @Test
    void anOwnerWhoIsAlsoAPlatformAdminMayBegin() {
        Owned owned = acceptedInvitation(t, admin, true);
        UserId owner = owned.owner().id();

        assertThat(t.kit.payments().begin(Actor.platformAdmin(owner), owned.tenant())).isPresent();
        assertThat(begun).containsExactly(owned.tenant() + "/" + owner);
    }

    @Test
    void aDeactivatedTenantCannotBegin() {
        Owned owned = acceptedInvitation(t, admin, true);
        t.kit.tenants().setActive(admin, owned.tenant(), false);

        refused(ErrorCode.TENANT_INACTIVE, () -> t.kit.payments().begin(owned.owner(), owned.tenant()));
        assertThat(begun).isEmpty();

        t.kit.tenants().setActive(admin, owned.tenant(), true);
        assertThat(t.kit.payments().begin(owned.owner(), owned.tenant())).isPresent();
    }
}
