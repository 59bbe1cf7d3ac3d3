package io.invitekit.bootstrap.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The check every browser test runs at each page state ({@link Browser#check}) bites: a page made
 * inaccessible on purpose fails axe-core, and one made too wide fails the sideways-scroll check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageCheckIT {
    private PageServer server;

    @BeforeAll
    void start() throws Exception {
        Browser.requireChromium();
        server = PageServer.start(Map.of());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anImageWithoutAlternativeTextFailsAxe() {
        try (Browser browser = Browser.open(server.base(), "check-axe")) {
            browser.go("/login");
            browser.visible("#main");
            browser.assertAccessible("login as served");
            browser.script("const img = document.createElement('img'); img.src = '/assets/favicon.svg';"
                    + "document.querySelector('main').append(img);");
            assertThatThrownBy(() -> browser.assertAccessible("login with a bare image"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("image-alt");
        }
    }

    @Test
    void aWideElementFailsTheSidewaysScrollCheck() {
        try (Browser browser = Browser.open(server.base(), "check-width")) {
            browser.go("/login");
            browser.visible("#main");
            browser.assertNoSidewaysScroll("login as served");
            browser.script("const wide = document.createElement('div'); wide.style.width = '600px'; wide.textContent = 'x';"
                    + "document.querySelector('main').append(wide);");
            assertThatThrownBy(() -> browser.assertNoSidewaysScroll("login with a 600 px block"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("scrolls sideways at 320 px");
            assertThat(browser.url().getPath()).isEqualTo("/login");
        }
    }
}
