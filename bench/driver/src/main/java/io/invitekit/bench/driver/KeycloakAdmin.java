package io.invitekit.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The few calls of Keycloak's admin REST API the bench makes: an admin token (password grant of
 * admin-cli in the master realm), its lifespan, a realm with organizations and SMTP, an
 * organization with a domain, and one invite-user call.
 */
final class KeycloakAdmin {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String token;

    KeycloakAdmin(String base) {
        this.base = base;
    }

    /** A new access token for the bootstrap admin; kept for the calls that follow. */
    String login() throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", KeycloakServer.ADMIN,
                        "password", KeycloakServer.ADMIN_PASSWORD))), 200);
        token = json.readTree(response.body()).path("access_token").asText();
        return token;
    }

    /**
     * Access tokens of the master realm (the admin's) live this long from now on (Keycloak's
     * default is 60 s, shorter than the load): log in again afterwards.
     */
    void accessTokenLifespan(Duration lifespan) throws IOException, InterruptedException {
        call("PUT", "/admin/realms/master", Map.of("accessTokenLifespan", lifespan.toSeconds()), 204);
    }

    /** A realm with organizations enabled whose emails go to the SMTP server at 127.0.0.1:{@code smtpPort}. */
    void createRealm(String realm, int smtpPort) throws IOException, InterruptedException {
        call("POST", "/admin/realms", Map.of("realm", realm, "enabled", true, "organizationsEnabled", true,
                "smtpServer", Map.of("host", "127.0.0.1", "port", Integer.toString(smtpPort), "from", "keycloak@bench.test",
                        "fromDisplayName", "Keycloak bench")), 201);
    }

    /** An organization with one domain; its id (from the Location header). */
    String createOrganization(String realm, String name, String domain) throws IOException, InterruptedException {
        HttpResponse<String> response = send(authorized("/admin/realms/" + realm + "/organizations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("name", name, "alias",
                        name.toLowerCase(), "enabled", true, "domains", List.of(Map.of("name", domain)))))), 201);
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("no Location for the new organization"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The path the load drives: POST (a form: email, firstName, lastName) invites a new user to the organization. */
    static String invitePath(String realm, String organization) {
        return "/admin/realms/" + realm + "/organizations/" + organization + "/members/invite-user";
    }

    /** One invitation; Keycloak answers 204 once it has sent the email. */
    void inviteUser(String realm, String organization, String email) throws IOException, InterruptedException {
        send(authorized(invitePath(realm, organization)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("email", email, "firstName", "Ada", "lastName", "Lovelace"))), 204);
    }

    private JsonNode call(String method, String path, Object body, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = send(authorized(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), expected);
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }

    private HttpRequest.Builder authorized(String path) {
        if (token == null) {
            throw new IllegalStateException("log in first");
        }
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(120)).build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Keycloak: " + built.method() + " " + built.uri().getPath() + " answered "
                    + response.statusCode() + " (expected " + expected + "): " + response.body());
        }
        return response;
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(),
                        StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }
}
