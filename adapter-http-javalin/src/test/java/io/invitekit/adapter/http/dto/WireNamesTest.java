package io.invitekit.adapter.http.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubdomainPolicy.Refusal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API's spellings are part of its contract: these tests pin every one of them. */
class WireNamesTest {

    @Test
    void problemCodesAreTheSnakeCaseCodesOfTheApi() {
        assertThat(Arrays.stream(ErrorCode.values()).map(WireNames::code)).contains(
                "validation_failed", "unauthenticated", "invalid_credentials", "forbidden", "not_found",
                "invitation_pending_exists", "invalid_transition", "resend_too_soon", "resend_limit_reached",
                "invitation_expired", "invitation_cancelled", "invitation_accepted", "subdomain_taken",
                "invalid_subdomain", "email_taken", "invalid_code", "malformed_code", "tenant_full",
                "tenant_inactive", "rate_limited", "tenant_limit_reached");
    }

    @Test
    void permissionNamesAreTheDocumentedOnes() {
        assertThat(Arrays.stream(PlatformPermission.values()).map(WireNames::permission)).containsExactly(
                "can_manage_oauth_credentials", "can_accept_payments", "can_use_custom_domain", "can_white_label",
                "can_api_access");
    }

    @Test
    void readsOnlyTheExactNames() {
        assertThat(WireNames.permission("can_api_access")).contains(PlatformPermission.CAN_API_ACCESS);
        assertThat(WireNames.permission("CAN_API_ACCESS")).isEmpty();
        assertThat(WireNames.permission("can_fly")).isEmpty();
    }

    @Test
    void writesEveryKnownPermissionWithWhetherItIsGranted() {
        assertThat(WireNames.permissions(Set.of(PlatformPermission.CAN_USE_CUSTOM_DOMAIN))).containsExactly(
                entry("can_manage_oauth_credentials", false), entry("can_accept_payments", false),
                entry("can_use_custom_domain", true), entry("can_white_label", false), entry("can_api_access", false));
    }

    @Test
    void roundTripsEveryPermission() {
        for (PlatformPermission p : EnumSet.allOf(PlatformPermission.class)) {
            assertThat(WireNames.permission(WireNames.permission(p))).contains(p);
        }
    }

    @Test
    void refusalsAndFieldNamesAreSnakeCase() {
        assertThat(WireNames.refusal(Refusal.RESERVED)).isEqualTo("reserved");
        assertThat(WireNames.refusal(null)).isNull();
        assertThat(WireNames.field("suggestedBusinessName")).isEqualTo("suggested_business_name");
        assertThat(WireNames.field("email")).isEqualTo("email");
        assertThat(WireNames.field("validForHours")).isEqualTo("valid_for_hours");
    }
}
