package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.PaymentOnboarding;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Step 3 of the onboarding wizard: the owner of a tenant that may accept payments begins onboarding. */
class PaymentOnboardingApiTest {
    private final List<String> begun = new ArrayList<>();
    private final PaymentOnboarding provider = (tenant, owner) -> {
        begun.add(tenant + "/" + owner);
        return Optional.of(URI.create("https://pay.example.com/onboard/" + tenant));
    };
    private ApiServer api;

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void byDefaultThereIsNowhereToGo() {
        api = new ApiServer();
        Owned owned = acceptedInvitation(true);

        Reply reply = api.post("/api/tenants/" + owned.tenantId() + "/payment-onboarding", owned.token(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("redirect_url")).isTrue();
        assertThat(reply.json().path("redirect_url").isNull()).isTrue();
    }

    @Test
    void theOwnerIsSentWhereThePaymentOnboardingPortSays() {
        api = new ApiServer(s -> s, builder -> builder.paymentOnboarding(provider));
        Owned owned = acceptedInvitation(true);

        Reply reply = api.post("/api/tenants/" + owned.tenantId() + "/payment-onboarding/", owned.token(), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("redirect_url").asText()).isEqualTo("https://pay.example.com/onboard/" + owned.tenantId());
        String owner = api.get("/api/me", owned.token()).json().path("user").path("id").asText();
        assertThat(begun).containsExactly(owned.tenantId() + "/" + owner);
    }

    @Test
    void aTenantWithoutThePaymentsPermissionIsRefused() {
        api = new ApiServer(s -> s, builder -> builder.paymentOnboarding(provider));
        Owned owned = acceptedInvitation(false);

        Reply reply = api.post("/api/tenants/" + owned.tenantId() + "/payment-onboarding", owned.token(), null);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.code()).isEqualTo("forbidden");
        assertThat(begun).isEmpty();
    }

    @Test
    void onlyTheOwnerMayBeginAndStrangersAreToldNothing() {
        api = new ApiServer(s -> s, builder -> builder.paymentOnboarding(provider));
        Owned owned = acceptedInvitation(true);
        String code = api.get("/api/tenants/" + owned.tenantId() + "/invite-code", owned.token()).json().path("code").asText();
        String member = api.newUserToken();
        api.post("/api/join", member, Map.of("code", code));
        String path = "/api/tenants/" + owned.tenantId() + "/payment-onboarding";

        assertThat(api.post(path, member, null).code()).isEqualTo("forbidden");
        assertThat(api.post(path, api.newUserToken(), null).code()).isEqualTo("not_found");
        assertThat(api.anonymous("POST", path, Map.of()).status()).isEqualTo(401);
        assertThat(begun).isEmpty();
    }

    @Test
    void aDeactivatedTenantCannotBegin() {
        api = new ApiServer(s -> s, builder -> builder.paymentOnboarding(provider));
        Owned owned = acceptedInvitation(true);
        api.post("/api/platform/tenants/" + owned.tenantId() + "/deactivate", api.adminToken(), null);

        Reply reply = api.post("/api/tenants/" + owned.tenantId() + "/payment-onboarding", owned.token(), null);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.code()).isEqualTo("tenant_inactive");
        assertThat(begun).isEmpty();
    }

    private record Owned(String tenantId, String token) {
    }

    private Owned acceptedInvitation(boolean canAcceptPayments) {
        String admin = api.adminToken();
        String id = api.post("/api/platform/tenant-invitations", admin, Map.of("email", "owner@example.org",
                "permissions", Map.of("can_accept_payments", canAcceptPayments))).json().path("id").asText();
        Map<String, Object> body = new HashMap<>();
        body.put("password", ApiServer.PASSWORD);
        body.put("first_name", "Grace");
        body.put("last_name", "Hopper");
        body.put("business_name", "Bright Bakery");
        body.put("subdomain", "bright");
        Reply accepted = api.post("/api/platform/tenant-invitations/token/" + api.tokenOf(id) + "/accept", null, body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        return new Owned(accepted.json().path("tenant").path("id").asText(), accepted.json().path("access_token").asText());
    }
}
