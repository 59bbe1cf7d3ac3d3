package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.Delivery;
import io.invitekit.adapter.http.dto.WireNames;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.FeatureFlagRegistry;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import io.invitekit.domain.tenant.TierCatalog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web pages as files: served with a strict Content-Security-Policy, free of inline script,
 * every field labelled, every asset they load present, every string they show in en.json.
 * (How they behave in a browser is for the Selenium tests in bootstrap.)
 */
class WebPagesTest {
    private static final Pattern ASSET_REF = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s+\"\\./([a-z0-9-]+\\.js)\"");
    private static final Pattern I18N_ATTR = Pattern.compile("data-i18n(?:-placeholder|-label)?=\"([^\"]+)\"");
    private static final Pattern T_CALL = Pattern.compile("\\bt\\(\"([^\"]+)\"");
    private static final Pattern KEY_LITERAL = Pattern.compile("\"([a-z][a-z_]*(?:\\.[A-Za-z_]+)+)\"");
    /** plural("key", n): the key names a family, key.one, key.other, … (Intl.PluralRules' categories). */
    private static final Pattern PLURAL_CALL = Pattern.compile("\\bplural\\(\"([^\"]+)\"");

    private final ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    /** Every page path, with an example value where the path holds one. */
    private static List<String> pagePaths() {
        List<String> paths = new ArrayList<>(JavalinPageRoutes.PAGES.keySet());
        JavalinPageRoutes.PATTERN_PAGES.keySet().forEach(p -> paths.add(p.replace("{code}", "A7BX-9PQ2")
                .replace("{id}", "018f0000-0000-7000-8000-000000000001")));
        return paths;
    }

    @Test
    void theJoinLinkPageServesAnyCodeInItsPath() {
        assertThat(JavalinPageRoutes.PATTERN_PAGES).containsEntry("/join/{code}", "join-link.html");
        for (String path : List.of("/join/A7BX-9PQ2", "/join/a7bx%209pq2", "/join/whatever")) {
            Reply page = api.page(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("/assets/join-link.js");
        }
        assertThat(api.page("/join/").status()).isEqualTo(404);
    }

    @Test
    void theTenantDetailPageServesAnyIdInItsPathAndTheListStaysTheList() {
        Reply detail = api.page("/platform/tenants/018f0000-0000-7000-8000-000000000001");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("/assets/platform-tenant.js");
        assertThat(api.page("/platform/tenants").body()).contains("/assets/platform-tenants.js");
    }

    @Test
    void everyPageIsServedWithAStrictContentSecurityPolicy() {
        for (String path : pagePaths()) {
            for (String variant : List.of(path, path + "/")) {
                Reply page = api.page(variant);
                assertThat(page.status()).as(variant).isEqualTo(200);
                assertThat(page.header("Content-Type")).as(variant).startsWith("text/html");
                String csp = page.header("Content-Security-Policy");
                assertThat(csp).as(variant).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                        "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'").doesNotContain("unsafe");
                assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
                assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            }
        }
    }

    @Test
    void theRootSendsVisitorsToTheLogInPage() {
        Reply root = api.page("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.header("Location")).isEqualTo("/login");
    }

    @Test
    void pagesHoldNoInlineScriptNoInlineStyleAndNothingFromElsewhere() {
        for (Map.Entry<String, String> page : pages().entrySet()) {
            String html = page.getValue();
            assertThat(html).as(page.getKey())
                    .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContainPattern("\\son[a-z]+\\s*=")
                    .doesNotContainPattern("\\sstyle\\s*=")
                    .doesNotContainPattern("<style")
                    .doesNotContain("javascript:")
                    .doesNotContainPattern("(?:src|href|action)=\"(?:https?:)?//");
            Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
            while (scripts.find()) {
                assertThat(scripts.group(1)).as(page.getKey()).contains("type=\"module\"").contains("src=\"/assets/");
            }
        }
        for (Map.Entry<String, String> script : scripts().entrySet()) {
            // Storage holds two things, never a session or a secret: the account's language (i18n.js, one
            // key) and the onboarding wizard's draft without its passwords (tenant-onboard.js, under a
            // digest of the token, in this tab only). Comments may name them.
            String code = script.getValue().replaceAll("(?m)^\\s*//.*$", "");
            String storageFree = switch (script.getKey()) {
                case "/assets/i18n.js" -> code.replace("localStorage.getItem(ACCOUNT_KEY)", "")
                        .replace("localStorage.setItem(ACCOUNT_KEY, chosen)", "")
                        .replace("localStorage.removeItem(ACCOUNT_KEY)", "");
                case "/assets/tenant-onboard.js" -> code.replace("sessionStorage.getItem(draftKey)", "")
                        .replace("sessionStorage.setItem(draftKey, JSON.stringify(draft))", "")
                        .replace("sessionStorage.removeItem(draftKey)", "");
                default -> code;
            };
            assertThat(storageFree).as(script.getKey())
                    .doesNotContain("innerHTML").doesNotContain("eval(").doesNotContain("new Function")
                    .doesNotContain("localStorage").doesNotContain("sessionStorage").doesNotContainPattern("https?://");
        }
    }

    @Test
    void everyFieldHasALabel() {
        for (Map.Entry<String, String> page : pages().entrySet()) {
            String html = page.getValue();
            Set<String> labelled = new HashSet<>();
            Matcher labels = Pattern.compile("<label[^>]*\\bfor=\"([^\"]+)\"").matcher(html);
            while (labels.find()) {
                labelled.add(labels.group(1));
            }
            Matcher fields = Pattern.compile("<(input|select|textarea)\\b([^>]*)>").matcher(html);
            while (fields.find()) {
                String attributes = fields.group(2);
                Matcher id = Pattern.compile("\\bid=\"([^\"]+)\"").matcher(attributes);
                assertThat(id.find()).as("%s: %s has an id", page.getKey(), fields.group()).isTrue();
                boolean wrapped = html.substring(Math.max(0, fields.start() - 40), fields.start())
                        .contains("<label class=\"toggle\">");
                assertThat(labelled.contains(id.group(1)) || wrapped || attributes.contains("data-i18n-label"))
                        .as("%s: a label for #%s", page.getKey(), id.group(1)).isTrue();
            }
        }
    }

    @Test
    void everyAssetThePagesAndScriptsLoadIsServedWithItsType() {
        Deque<String> toFetch = new ArrayDeque<>();
        pages().values().forEach(html -> ASSET_REF.matcher(html).results().forEach(m -> toFetch.add(m.group(1))));
        toFetch.add("/assets/en.json");
        Set<String> seen = new HashSet<>();
        while (!toFetch.isEmpty()) {
            String path = toFetch.pop();
            if (!seen.add(path)) {
                continue;
            }
            Reply asset = api.page(path);
            assertThat(asset.status()).as(path).isEqualTo(200);
            assertThat(asset.header("Content-Type")).as(path).startsWith(switch (path.substring(path.lastIndexOf('.') + 1)) {
                case "js" -> "text/javascript";
                case "css" -> "text/css";
                case "json" -> "application/json";
                case "svg" -> "image/svg+xml";
                default -> throw new AssertionError("unexpected asset " + path);
            });
            if (path.endsWith(".js")) {
                IMPORT.matcher(asset.body()).results().forEach(m -> toFetch.add("/assets/" + m.group(1)));
            }
        }
        assertThat(seen).contains("/assets/app.css", "/assets/api.js", "/assets/i18n.js", "/assets/tenant-onboard.js");
    }

    @Test
    void nothingOutsideTheAssetsFolderIsServedAsAnAsset() {
        for (String path : List.of("/assets/..%2Fpages%2Flogin.html", "/assets/missing.js", "/assets/APP.CSS",
                "/assets/logback.xml", "/assets/.json")) {
            assertThat(api.page(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void everyStringThePagesShowIsInEnJson() {
        JsonNode en = api.page("/assets/en.json").json();
        Set<String> namespaces = new HashSet<>();
        en.fieldNames().forEachRemaining(key -> namespaces.add(key.split("\\.")[0]));
        List<String> missing = new ArrayList<>();
        pages().forEach((name, html) -> I18N_ATTR.matcher(html).results()
                .map(m -> m.group(1)).filter(key -> !en.has(key)).forEach(key -> missing.add(name + ": " + key)));
        scripts().forEach((name, js) -> {
            T_CALL.matcher(js).results().map(m -> m.group(1)).filter(key -> !en.has(key))
                    .forEach(key -> missing.add(name + ": " + key));
            PLURAL_CALL.matcher(js).results().map(m -> m.group(1) + ".other").filter(key -> !en.has(key))
                    .forEach(key -> missing.add(name + ": " + key));
            KEY_LITERAL.matcher(js).results().map(m -> m.group(1))
                    .filter(key -> namespaces.contains(key.split("\\.")[0]) && !en.has(key) && !en.has(key + ".other"))
                    .forEach(key -> missing.add(name + ": " + key));
        });
        // Keys the scripts build from what the server sends.
        Stream.of(ErrorCode.values()).map(c -> "problem." + WireNames.code(c)).forEach(key -> expect(en, key, missing));
        Stream.of("malformed_body", "payload_too_large", "store_unavailable", "internal_error", "network", "generic")
                .forEach(code -> expect(en, "problem." + code, missing));
        Stream.of(InvitationStatus.values()).forEach(s -> expect(en, "status." + s.name(), missing));
        Stream.of(Delivery.State.values()).forEach(s -> expect(en, "delivery." + s.name(), missing));
        Stream.of(Role.values()).forEach(r -> expect(en, "role." + r.name(), missing));
        TierCatalog.defaults().tiers().forEach(t -> expect(en, "tier." + t.name(), missing));
        Stream.of(PlatformPermission.values()).forEach(p -> expect(en, "permission." + WireNames.permission(p), missing));
        FeatureFlagRegistry.DEFAULT_KEYS.forEach(f -> expect(en, "flag." + f, missing));
        Stream.of("invalid", "expired", "cancelled", "accepted", "error").forEach(kind -> {
            expect(en, "onboard.dead." + kind + ".title", missing);
            if (!kind.equals("error")) {
                expect(en, "onboard.dead." + kind + ".text", missing);
            }
        });
        Stream.of("invalid", "reserved", "taken", "required").forEach(r -> expect(en, "onboard.subdomain." + r, missing));
        Stream.of("skipped", "unavailable", "redirected").forEach(p -> expect(en, "onboard.summary.payments." + p, missing));
        Stream.of("account", "business", "payments", "done").forEach(s -> expect(en, "onboard.step." + s, missing));
        assertThat(missing).as("strings missing from en.json").isEmpty();
    }

    @Test
    void noPageOrScriptWritesDownTheCatalogOrThePlatformsName() {
        // Tiers, permissions, flags and the name come from GET /api/platform/info, never from the assets.
        List<String> catalog = new ArrayList<>();
        TierCatalog.defaults().tiers().forEach(t -> catalog.add("\"" + t.name() + "\""));
        Arrays.stream(PlatformPermission.values()).forEach(p -> catalog.add("\"" + WireNames.permission(p) + "\""));
        FeatureFlagRegistry.DEFAULT_KEYS.stream()
                .filter(f -> !f.equals("event_types")) // also the webhook form's field of that name
                .forEach(f -> catalog.add("\"" + f + "\""));
        Map<String, String> files = new LinkedHashMap<>(pages());
        files.putAll(scripts());
        files.forEach((name, text) -> {
            assertThat(text).as(name).doesNotContain(catalog).doesNotContain("Invitekit");
        });
        assertThat(api.page("/assets/catalog.js").status()).isEqualTo(404);
        assertThat(api.page("/assets/en.json").body()).doesNotContain("Invitekit");
    }

    @Test
    void everyPagesTitleIsThePlatformsNameUntilItsScriptSaysMore() {
        for (String path : pagePaths()) {
            assertThat(api.page(path).body()).as(path).contains("<title>Acme Cloud</title>");
        }
        try (ApiServer odd = ApiServer.withSettings(s -> s.platformName("Tom & Jerry's <Club>"))) {
            assertThat(odd.page("/login").body()).contains("<title>Tom &amp; Jerry&#39;s &lt;Club&gt;</title>");
        }
    }

    private static void expect(JsonNode en, String key, List<String> missing) {
        if (!en.has(key)) {
            missing.add(key);
        }
    }


    private Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pagePaths().stream().sorted().forEach(path -> pages.put(path, api.page(path).body()));
        pages.put("(404) /no-such-page", api.page("/no-such-page").body());
        return pages;
    }

    private Map<String, String> scripts() {
        Map<String, String> scripts = new LinkedHashMap<>();
        Deque<String> toRead = new ArrayDeque<>();
        pages().values().forEach(html -> ASSET_REF.matcher(html).results().map(m -> m.group(1))
                .filter(p -> p.endsWith(".js")).forEach(toRead::add));
        while (!toRead.isEmpty()) {
            String path = toRead.pop();
            if (!scripts.containsKey(path)) {
                String body = api.page(path).body();
                scripts.put(path, body);
                IMPORT.matcher(body).results().forEach(m -> toRead.add("/assets/" + m.group(1)));
            }
        }
        return scripts;
    }
}
