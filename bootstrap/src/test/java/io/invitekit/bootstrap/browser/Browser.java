package io.invitekit.bootstrap.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium session (its own profile, so its own cookies: one user)
 * with the few moves the page tests need. Every wait is explicit and bounded.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("invitekit.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("invitekit.chromedriver", "/usr/bin/chromedriver"));
    private static final Path WORK = Path.of("target", "browser");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final String name;
    private int shots;
    private String firstTab;

    private Browser(ChromeDriver driver, String base, String name) {
        this.driver = driver;
        this.base = base;
        this.name = name;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    /**
     * Skips the calling tests on a machine without Chromium, except in CI (env CI=true), where a
     * missing browser is a failure: the browser tests must run there.
     */
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String why = CHROMIUM + " and " + CHROMEDRIVER + " (Debian packages chromium, chromium-driver)";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, so the browser tests must run, but they need " + why);
        }
        assumeTrue(present, "browser tests skipped: they need " + why);
    }

    /** A fresh browser for one user; name prefixes its screenshots. */
    static Browser open(String base, String name) {
        return open(base, name, "en-US", null);
    }

    /**
     * A fresh browser whose languages are {@code lang} (Chromium's --lang and its Accept-Language
     * preference: what navigator.languages says) and, unless null, whose clock runs in the IANA
     * {@code timeZone} (CDP Emulation.setTimezoneOverride), as a person's browser abroad would.
     */
    static Browser open(String base, String name, String lang, String timeZone) {
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE); // no CDP-version chatter
        ChromeDriver driver;
        try {
            driver = start(name, lang);
        } catch (SessionNotCreatedException once) {
            // Chromium now and then dies while starting on a busy machine; a second, fresh profile
            // tells that apart from a browser that cannot start at all.
            driver = start(name, lang);
        }
        if (timeZone != null) {
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
        }
        return new Browser(driver, base, name);
    }

    private static ChromeDriver start(String name, String lang) {
        Path dir = freshDirectory(WORK.resolve("s" + SESSIONS.incrementAndGet()).toAbsolutePath());
        // Chromium puts a socket in TMPDIR, and socket paths have at most 107 characters.
        Path tmp = dir.resolve("t");
        try {
            if (tmp.toString().length() > 60) {
                tmp = Files.createTempDirectory("invitekit-browser-");
            } else {
                Files.createDirectories(tmp);
            }
            Files.writeString(dir.resolve("session.txt"), name + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=" + lang, "--window-size=1280,900", "--user-data-dir=" + dir.resolve("profile"));
        String primary = lang.contains("-") ? lang.substring(0, lang.indexOf('-')) : lang;
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages",
                primary.equals(lang) ? lang : lang + "," + primary));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .withVerbose(true)
                .withEnvironment(Map.of("HOME", dir.toString(), "TMPDIR", tmp.toString()))
                .build();
        return new ChromeDriver(service, options);
    }

    /** An empty directory (what an earlier run left there is removed). */
    private static Path freshDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- moving around -------------------------------------------------------------------

    void go(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    /** Reloads the page, as the browser's reload button does. */
    void refresh() {
        driver.navigate().refresh();
    }

    /** Opens a new tab of the same browser (same cookies) on this path, and moves to it. */
    void newTab(String pathOrUrl) {
        if (firstTab == null) {
            firstTab = driver.getWindowHandle();
        }
        driver.switchTo().newWindow(WindowType.TAB);
        go(pathOrUrl);
    }

    /** Moves back to the tab the browser started with. */
    void firstTab() {
        driver.switchTo().window(firstTab == null ? driver.getWindowHandle() : firstTab);
    }

    URI url() {
        return URI.create(driver.getCurrentUrl());
    }

    /**
     * Waits until the browser shows this path (whatever the query). A page that sends the browser
     * on (a script's location.replace) may abort the driver's question "where are you?" halfway
     * ("aborted by navigation", a TimeoutException of the driver's): that only means ask again.
     */
    void awaitPath(String path) {
        wait.withMessage(() -> "expected path " + path)
                .ignoring(org.openqa.selenium.TimeoutException.class)
                .until(d -> URI.create(d.getCurrentUrl()).getPath().equals(path));
    }

    // ---- elements ------------------------------------------------------------------------

    WebElement visible(String css) {
        return wait.withMessage(() -> "visible " + css + " on " + driver.getCurrentUrl())
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void awaitHidden(String css) {
        wait.withMessage(() -> "hidden " + css).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = visible(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks once the element can be clicked; a list redrawn meanwhile is looked up again. */
    void click(String css) {
        wait.withMessage(() -> "clickable " + css + " on " + driver.getCurrentUrl())
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    void select(String css, String value) {
        new Select(visible(css)).selectByValue(value);
    }

    /** Waits (bounded) until the condition holds. */
    void until(String what, Function<Browser, Boolean> condition) {
        wait.withMessage(what).ignoring(StaleElementReferenceException.class).until(d -> condition.apply(this));
    }

    String text(String css) {
        return visible(css).getText();
    }

    /** Waits until the element's text contains part; returns the whole text. */
    String awaitText(String css, String part) {
        wait.withMessage(() -> css + " contains \"" + part + "\"; it holds \"" + textOrNothing(css) + "\"")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
        return text(css);
    }

    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    int count(String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    String attribute(String css, String name) {
        return visible(css).getDomAttribute(name);
    }

    String value(String css) {
        return visible(css).getDomProperty("value");
    }

    /** The element the keyboard is on. */
    String focusedId() {
        return driver.switchTo().activeElement().getDomAttribute("id");
    }

    Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** What the page put on the clipboard (the browser is allowed to read it back). */
    String clipboard() {
        driver.setPermission("clipboard-read", "granted");
        return (String) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, e => done('clipboard error: ' + e));");
    }

    private String textOrNothing(String css) {
        return driver.findElements(By.cssSelector(css)).stream().findFirst().map(WebElement::getText).orElse("(absent)");
    }

    // ---- every page state: accessible, no sideways scrolling, screenshots ----------------

    /** The axe-core rule sets every page state must pass. */
    static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice");

    /** The widths (CSS pixels) at which no page may scroll sideways. */
    static final List<Integer> WIDTHS = List.of(320, 390, 768, 1280);

    /**
     * What every browser test does at each page state it reaches: axe-core finds no violation of
     * {@link #AXE_TAGS} (injected by the driver, so the page's CSP stays strict), the document is no
     * wider than the viewport at any of {@link #WIDTHS}, and screenshots at 1280 and 390 px land in
     * target/screenshots named after the state.
     */
    void check(String state) {
        assertAccessible(state);
        assertNoSidewaysScroll(state);
        screenshot(state);
        phoneScreenshot(state);
    }

    /** Fails with each axe-core violation (rule, impact, help, the elements) on the page as it is now. */
    void assertAccessible(String state) {
        Results results = new AxeBuilder().withTags(AXE_TAGS).analyze(driver);
        if (results.isErrored()) {
            fail("axe-core could not run on " + state + " (" + driver.getCurrentUrl() + "): " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            StringBuilder why = new StringBuilder(violations.size() + " axe-core violation(s) on " + state
                    + " (" + driver.getCurrentUrl() + "):");
            for (Rule rule : violations) {
                why.append(System.lineSeparator()).append("- ").append(rule.getId()).append(" (").append(rule.getImpact())
                        .append("): ").append(rule.getHelp());
                rule.getNodes().stream().limit(5).forEach(node -> why.append(System.lineSeparator())
                        .append("    ").append(node.getTarget()).append(": ").append(node.getFailureSummary()));
            }
            fail(why.toString());
        }
    }

    /** Fails when the document is wider than the viewport at any of {@link #WIDTHS}. */
    void assertNoSidewaysScroll(String state) {
        try {
            for (int width : WIDTHS) {
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", 844, "deviceScaleFactor", 1, "mobile", width < 768));
                long documentWidth = (Long) driver.executeScript(
                        "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
                long viewport = (Long) driver.executeScript("return document.documentElement.clientWidth");
                if (documentWidth > viewport) {
                    fail(state + " scrolls sideways at " + width + " px: the document is " + documentWidth
                            + " px wide in a viewport of " + viewport + " px (" + driver.getCurrentUrl() + ")");
                }
            }
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    // ---- screenshots ---------------------------------------------------------------------

    /** The whole page as it is now, under target/screenshots. */
    void screenshot(String what) {
        Dimension window = driver.manage().window().getSize();
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 6000)));
        try {
            save(what);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** The whole page at a phone's width (390 CSS pixels). */
    void phoneScreenshot(String what) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 390, "height", (int) Math.min(height, 6000), "deviceScaleFactor", 1, "mobile", true));
            save(what + "-phone");
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void save(String what) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", name, ++shots, what)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
