package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantUseCase.CreateCommand;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.SubdomainTakenException;
import org.junit.jupiter.api.Test;

class TenantServiceTest {
    private final TestKit t = new TestKit();
    private final UserId owner = t.newUser();

    @Test
    void aUserCreatesAFamilyOnTheDefaultTierAndBecomesItsOwner() {
        TenantView family = t.family(owner, "Café Zürich & Co");

        assertThat(family.subdomain()).isEqualTo("cafe-zurich-co");
        assertThat(family.domain()).isEqualTo("cafe-zurich-co.acme.test");
        assertThat(family.subscriptionTier()).isEqualTo("FREE");
        assertThat(family.maxUsers()).isEqualTo(6);
        assertThat(family.maxResources()).isEqualTo(10);
        assertThat(family.active()).isTrue();
        assertThat(family.members()).singleElement().satisfies(m -> assertThat(m.role()).isEqualTo(Role.OWNER));
        assertThat(t.kit.accounts().me(owner).memberships()).hasSize(1);
    }

    @Test
    void theDefaultTenantTierIsConfigurable() {
        TestKit starter = new TestKit(s -> s.defaultTenantTier(io.invitekit.domain.tenant.SubscriptionTier.STARTER));
        assertThat(starter.family(starter.newUser(), "Family").maxUsers()).isEqualTo(10);
    }

    @Test
    void aDerivedSubdomainThatIsTakenGetsANumberAndAChosenOneIsRefusedWithSuggestions() {
        t.family(owner, "Smith");
        assertThat(t.family(t.newUser(), "Smith").subdomain()).isEqualTo("smith-2");

        SubdomainTakenException taken = (SubdomainTakenException) refused(ErrorCode.SUBDOMAIN_TAKEN,
                () -> t.kit.tenants().create(new CreateCommand(t.newUser(), "Other", "smith", null, null)));
        assertThat(taken.suggestions()).extracting(Object::toString).containsExactly("smith-3", "smith-4", "smith-5");
    }

    @Test
    void aNameWithoutLatinLettersStillGetsASubdomain() {
        assertThat(t.family(owner, "東京").subdomain()).matches("t-[a-z0-9]{8}");
    }

    @Test
    void refusesBadInput() {
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.tenants().create(new CreateCommand(owner, " ", null, null, null)));
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.kit.tenants().create(new CreateCommand(owner, "Ok", "api", null, null)));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.tenants().create(new CreateCommand(null, "Ok", null, null, null)));
    }

    @Test
    void membersReadTheirTenantWithItsMembersAndOutsidersAreToldItDoesNotExist() {
        TenantView family = t.family(owner, "Readers");
        assertThat(t.kit.tenants().get(owner, family.id().toString()).members()).hasSize(1);
        refused(ErrorCode.NOT_FOUND, () -> t.kit.tenants().get(t.newUser(), family.id().toString()));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.tenants().get(owner, "not-an-id"));
        assertThat(t.kit.tenants().get(t.admin(), family.id().toString()).name()).isEqualTo("Readers");
    }

    @Test
    void platformAdminsListAndSwitchTenantsOnAndOff() {
        UserId admin = t.admin();
        TenantView a = t.family(owner, "Alpha");
        TenantView b = t.family(owner, "Beta");

        TenantView off = t.kit.tenants().setActive(admin, a.id().toString(), false);
        assertThat(off.active()).isFalse();

        Page<TenantView> active = t.kit.tenants().list(admin, true, PageRequest.first());
        Page<TenantView> inactive = t.kit.tenants().list(admin, false, PageRequest.first());
        Page<TenantView> all = t.kit.tenants().list(admin, null, new PageRequest(1, null));
        assertThat(active.items()).extracting(TenantView::name).containsExactly("Beta");
        assertThat(inactive.items()).extracting(TenantView::name).containsExactly("Alpha");
        assertThat(all.items()).extracting(TenantView::name).containsExactly("Beta");
        assertThat(all.nextCursor()).isNotNull();

        assertThat(t.kit.tenants().setActive(admin, a.id().toString(), true).active()).isTrue();
        refused(ErrorCode.FORBIDDEN, () -> t.kit.tenants().setActive(owner, b.id().toString(), false));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.tenants().list(owner, null, null));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.tenants().setActive(admin, "0190a8e2-0000-7000-8000-000000000000", false));
    }
}
