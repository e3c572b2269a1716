package io.chat4all.hub.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user's headless Chromium (Debian's {@code chromium} and {@code chromedriver}, which
 * {@code .ci/run} installs), with a profile of its own, so two of them are two users. The flags
 * keep Chromium from calling out: this machine's closed network refuses it, and Selenium Manager
 * is never asked for a driver since both paths are given.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;
    private final Path profile;
    private final String name;

    Browser(String name) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run does it)");
        }
        this.name = name;
        try {
            this.profile = Files.createTempDirectory("chat4all-chromium-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1100,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for an element to be visible; the client's live parts are fed by events, not reloads. */
    WebElement waitFor(String css, Duration timeout) {
        return patiently(timeout).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement waitFor(String css) {
        return waitFor(css, Duration.ofSeconds(15));
    }

    /**
     * The first item matching itemCss whose text contains text (CSS cannot match text), or the element
     * matching innerCss inside it when innerCss is not null; with asText its visible text instead.
     */
    private static final String FIND_ITEM = """
            const [item, text, inner, asText] = arguments;
            for (const node of document.querySelectorAll(item)) {
              if (!node.textContent.includes(text)) continue;
              const found = inner ? node.querySelector(inner) : node;
              if (found && !asText) return found;
              if (found && found.checkVisibility()) return found.innerText.trim();
            }
            return null;""";

    /** Waits for the element FIND_ITEM finds to be displayed. */
    WebElement waitForItem(String itemCss, String text, String innerCss) {
        return patiently(Duration.ofSeconds(15))
                .until(d -> js(FIND_ITEM, itemCss, text, innerCss, false) instanceof WebElement e && e.isDisplayed()
                        ? e
                        : null);
    }

    /**
     * The text of the element waitForItem would find, read in the same script that finds it: a live update can
     * re-render the item between a find and a later getText.
     */
    String waitForItemText(String itemCss, String text, String innerCss) {
        return patiently(Duration.ofSeconds(15))
                .until(d -> js(FIND_ITEM, itemCss, text, innerCss, true) instanceof String t ? t : null);
    }

    /** The texts of what items would return, read in one script for the same reason. */
    List<String> itemTexts(String itemCss, String text, String innerCss) {
        String script = """
                const [item, text, inner] = arguments;
                return [...document.querySelectorAll(item)].filter(n => n.textContent.includes(text))
                    .flatMap(n => inner ? [...n.querySelectorAll(inner)] : [n]).map(e => e.innerText.trim());""";
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) js(script, itemCss, text, innerCss);
        return found;
    }

    /** Clicks the element css matches; again if a live update re-rendered it (the conversation list does). */
    void click(String css) {
        for (int attempt = 1; ; attempt++) {
            try {
                waitFor(css).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Clicks that element; again if a live update re-rendered it between finding and clicking. */
    void clickItem(String itemCss, String text, String innerCss) {
        for (int attempt = 1; ; attempt++) {
            try {
                waitForItem(itemCss, text, innerCss).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    List<WebElement> items(String itemCss, String text, String innerCss) {
        String script = """
                const [item, text, inner] = arguments;
                return [...document.querySelectorAll(item)].filter(n => n.textContent.includes(text))
                    .flatMap(n => inner ? [...n.querySelectorAll(inner)] : [n]);""";
        @SuppressWarnings("unchecked")
        List<WebElement> found = (List<WebElement>) js(script, itemCss, text, innerCss);
        return found;
    }

    void waitUntil(String script, Duration timeout) {
        patiently(timeout)
                .withMessage(() -> "waiting for " + script + "; the page says: " + js(SAYS))
                .until(d -> Boolean.TRUE.equals(js(script)));
    }

    /** Live updates re-render messages at any time: an element found a moment ago may be gone, so look again. */
    private WebDriverWait patiently(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** What the page shows in its status and error lines, for the message of a failed wait. */
    private static final String SAYS =
            "return [...document.querySelectorAll('.error, .notice, [aria-live], [role=status]')]"
                    + ".map(e => e.id + ': ' + e.textContent.trim().slice(0, 200)).filter(t => !t.endsWith(': ')).join(' | ');";

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void signIn(String baseUrl, String username) {
        open(baseUrl);
        waitFor("#sign-in-form");
        type("#username", username);
        type("#password", "chat4all");
        find("#sign-in-form button[type=submit]").click();
        waitFor("#whoami");
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the screen shows as target/screenshots/{step}.png and returns the path. */
    Path screenshot(String step) {
        return screenshot(step, null);
    }

    /** The same, scrolled first so that the element matching css is on the screen. */
    Path screenshot(String step, String css) {
        if (css != null) {
            js("document.querySelector(arguments[0]).scrollIntoView({block: 'end'})", css);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(step + ".png");
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console's errors since the last call (uncaught exceptions, failed requests, console.error). */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(name + ": " + entry.getMessage());
            }
        }
        return errors;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a profile left in /tmp harms nothing
            }
        }
    }
}
