package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.PageRequest;
import io.invitekit.application.port.in.TenantQuery;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantServiceTest {
    private final TestKit t = new TestKit();
    private final Actor owner = t.newUser();

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
                () -> t.kit.tenants().create(t.newUser(), NewTenant.named("Other").subdomain("smith")));
        assertThat(taken.suggestions()).extracting(Object::toString).containsExactly("smith-3", "smith-4", "smith-5");
    }

    @Test
    void aNameWithoutLatinLettersStillGetsASubdomain() {
        assertThat(t.family(owner, "東京").subdomain()).matches("t-[a-z0-9]{8}");
    }

    @Test
    void refusesBadInput() {
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.tenants().create(owner, NewTenant.named(" ")));
        refused(ErrorCode.INVALID_SUBDOMAIN, () -> t.kit.tenants().create(owner, NewTenant.named("Ok").subdomain("api")));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.tenants().create(null, NewTenant.named("Ok")));
    }

    @Test
    void membersReadTheirTenantWithItsMembersAndOutsidersAreToldItDoesNotExist() {
        TenantView family = t.family(owner, "Readers");
        assertThat(t.kit.tenants().get(owner, family.id()).members()).hasSize(1);
        refused(ErrorCode.NOT_FOUND, () -> t.kit.tenants().get(t.newUser(), family.id()));
        // A malformed id never becomes a TenantId (an adapter answers not_found); no id is not found either.
        assertThat(TenantId.parse("not-an-id")).isEmpty();
        refused(ErrorCode.NOT_FOUND, () -> t.kit.tenants().get(owner, null));
        assertThat(t.kit.tenants().get(t.admin(), family.id()).name()).isEqualTo("Readers");
    }

    @Test
    void platformAdminsListAndSwitchTenantsOnAndOff() {
        Actor admin = t.admin();
        TenantView a = t.family(owner, "Alpha");
        TenantView b = t.family(owner, "Beta");

        TenantView off = t.kit.tenants().setActive(admin, a.id(), false);
        assertThat(off.active()).isFalse();

        Page<TenantView> active = t.kit.tenants().list(admin, TenantQuery.all().active(true));
        Page<TenantView> inactive = t.kit.tenants().list(admin, TenantQuery.all().active(false));
        Page<TenantView> all = t.kit.tenants().list(admin, TenantQuery.all().page(new PageRequest(1, null)));
        assertThat(active.items()).extracting(TenantView::name).containsExactly("Beta");
        assertThat(inactive.items()).extracting(TenantView::name).containsExactly("Alpha");
        assertThat(all.items()).extracting(TenantView::name).containsExactly("Beta");
        assertThat(all.nextCursor()).isNotNull();

        assertThat(t.kit.tenants().setActive(admin, a.id(), true).active()).isTrue();
        refused(ErrorCode.FORBIDDEN, () -> t.kit.tenants().setActive(owner, b.id(), false));
        refused(ErrorCode.FORBIDDEN, () -> t.kit.tenants().list(owner, TenantQuery.all()));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.tenants().setActive(admin,
                new TenantId(UUID.fromString("0190a8e2-0000-7000-8000-000000000000")), false));
    }

    // ---- how many tenants one account may own ------------------------------------------------

    @Test
    void oneAccountOwnsAtMostTenTenantsByDefaultDeactivatedOnesIncluded() {
        Actor admin = t.admin();
        TenantView first = t.family(owner, "Family 0");
        for (int i = 1; i < 10; i++) {
            t.family(owner, "Family " + i);
        }
        t.kit.tenants().setActive(admin, first.id(), false);

        refused(ErrorCode.TENANT_LIMIT_REACHED, () -> t.family(owner, "Family 10"));

        assertThat(t.kit.tenants().list(admin, TenantQuery.all()).items()).hasSize(10);
        assertThat(t.storage.memberships().ownedTenants(owner.id())).isEqualTo(10);
        assertThat(t.family(t.newUser(), "Someone Else's").active()).as("the cap is per account").isTrue();
    }

    @Test
    void aRefusedCreateLeavesNothingBehindNotEvenItsSubdomain() {
        TestKit capped = new TestKit(s -> s.maxTenantsPerUser(1));
        Actor user = capped.newUser();
        capped.family(user, "Mine");

        refused(ErrorCode.TENANT_LIMIT_REACHED,
                () -> capped.kit.tenants().create(user, NewTenant.named("Second").subdomain("wanted-name")));

        assertThat(capped.kit.tenants().create(capped.newUser(), NewTenant.named("Theirs").subdomain("wanted-name"))
                .subdomain()).isEqualTo("wanted-name");
        assertThat(capped.kit.accounts().me(user).memberships()).hasSize(1);
        assertThat(capped.storage.memberships().ownedTenants(user.id())).isEqualTo(1);
    }

    @Test
    void theCapIsConfigurableAndOnlyTenantsOneOwnsCount() {
        TestKit capped = new TestKit(s -> s.maxTenantsPerUser(2));
        Actor user = capped.newUser();
        Actor other = capped.newUser();
        TenantView theirs = capped.family(other, "Theirs");
        String code = capped.kit.joinCodes().view(other, theirs.id()).code();
        capped.kit.joinCodes().join(user, JoinWithCode.code(code)); // a MEMBER: not owned

        capped.family(user, "One");
        capped.family(user, "Two");

        refused(ErrorCode.TENANT_LIMIT_REACHED, () -> capped.family(user, "Three"));
        assertThat(capped.kit.accounts().me(user).memberships()).hasSize(3);
    }

    @Test
    void platformAdminsAreExempt() {
        TestKit capped = new TestKit(s -> s.maxTenantsPerUser(1));
        Actor admin = capped.admin();

        capped.family(admin, "Admin's First");
        capped.family(admin, "Admin's Second");

        assertThat(capped.storage.memberships().ownedTenants(admin.id())).as("counted all the same").isEqualTo(2);
    }

    @Test
    void acceptingATenantInvitationIsExemptButTheTenantCountsTowardTheCap() {
        TestKit capped = new TestKit(s -> s.maxTenantsPerUser(1));
        Actor admin = capped.admin();
        Actor user = capped.user("grace@example.org");
        capped.family(user, "Grace's Family");

        capped.accept(capped.tokenOf(capped.invite(admin, "grace@example.org")), "graces-shop");

        assertThat(capped.storage.memberships().ownedTenants(user.id())).isEqualTo(2);
        refused(ErrorCode.TENANT_LIMIT_REACHED, () -> capped.family(user, "Another"));

        Actor fresh = Actor.user(capped.accept(capped.tokenOf(capped.invite(admin, "new@example.org")), "new-shop")
                .auth().user().id());
        refused(ErrorCode.TENANT_LIMIT_REACHED, () -> capped.family(fresh, "Owner's Family"));
    }
}
