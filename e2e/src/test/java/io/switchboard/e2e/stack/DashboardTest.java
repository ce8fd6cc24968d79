package io.switchboard.e2e.stack;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor dashboard in a real browser (Debian's chromium, headless, through its chromedriver) against the
 * whole stack: {@code /dashboard/} sends the browser to Keycloak's login page (authorization code flow with PKCE
 * S256), sam.supervisor of acme logs in, the tiles fill from the live endpoints, then a call queues at a new acme
 * menu through the public APIs (the telephony provider's webhooks) and the page's "Waiting" tile and queue table
 * change without a reload. A screenshot lands in {@code target/surefire-reports/DashboardTest-screenshot.png}.
 */
@ExtendWith(LocalStack.class)
class DashboardTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("dashboard.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("dashboard.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration PIPELINE = Duration.ofSeconds(90);
    private static final Path SCREENSHOT = Path.of("target/surefire-reports/DashboardTest-screenshot.png");

    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void browser() throws IOException {
        // CI installs both (.ci/run): a machine without them must not pass this test silently.
        assertThat(Files.isExecutable(CHROMIUM))
                .as("DashboardTest needs Debian's chromium at %s (apt-get install chromium chromium-driver)", CHROMIUM)
                .isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER))
                .as("DashboardTest needs Debian's chromedriver at %s (apt-get install chromium-driver)", CHROMEDRIVER)
                .isTrue();
        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1250", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static RequestSpecification as(String service, String token) {
        return given().baseUri("http://127.0.0.1:" + LocalStack.servicePort(service)).auth().oauth2(token)
                .contentType(ContentType.JSON);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static int number(String id) {
        return Integer.parseInt(text(id));
    }

    @Test
    void aSupervisorLogsInAndSeesACallQueueLive() throws IOException {
        try {
            String dashboard = "http://127.0.0.1:" + LocalStack.servicePort("reporting") + "/dashboard/";
            browser.get(dashboard);

            // Keycloak's login page, reached by the authorization code flow with a S256 PKCE challenge.
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.id("username")).isEmpty());
            String login = browser.getCurrentUrl();
            assertThat(login).startsWith(LocalStack.keycloakRealmUrl() + "/protocol/openid-connect/auth")
                    .contains("client_id=switchboard-dashboard", "response_type=code", "code_challenge=",
                            "code_challenge_method=S256");
            browser.findElement(By.id("username")).sendKeys("sam.supervisor");
            browser.findElement(By.id("password")).sendKeys(LocalStack.demoPassword("sam.supervisor"));
            browser.findElement(By.id("kc-login")).click();

            // Back on the dashboard with a token: the partner comes from the token, the tiles from the snapshot.
            await().atMost(Duration.ofSeconds(60)).until(() -> browser.getCurrentUrl().startsWith(dashboard)
                    && "true".equals(browser.findElement(By.id("dashboard")).getAttribute("data-ready")));
            assertThat(text("partner")).isEqualTo("acme");
            assertThat(text("user")).isEqualTo("sam.supervisor");
            assertThat(browser.findElement(By.id("problem")).isDisplayed()).as(text("problem")).isFalse();
            int waitingBefore = number("tile-waiting");
            number("tile-calls");
            number("tile-available");

            // A call queues at a new menu that no team serves, so nobody answers it and it keeps waiting.
            String tag = UUID.randomUUID().toString().substring(0, 6);
            String menuName = "Dashboard line " + tag;
            String admin = KeycloakAuthTest.token("ada.admin");
            String telephony = KeycloakAuthTest.token("acme.telephony");
            int menu = as("interaction", admin).body(Map.of("name", menuName, "channel", "voice"))
                    .when().post("/manager/api/v1/menus").then().statusCode(201).extract().path("id");
            var created = as("interaction", telephony)
                    .body(Map.of("call_type", "Voice Inbound (IVR)", "end_user_number", "+1 555 0177", "menu_id", menu))
                    .when().post("/apps/api/v1/calls").then().statusCode(201).extract().jsonPath();
            int callId = created.getInt("id");
            Instant start = Instant.parse(created.getString("created_at"));
            as("interaction", telephony).body(Map.of("at", start.plusSeconds(5).toString()))
                    .when().post("/apps/api/v1/calls/" + callId + "/events/queued").then().statusCode(200);

            // No reload: the page learns it from the live stream (or, without one, its snapshot polling).
            await().atMost(PIPELINE).untilAsserted(() -> {
                assertThat(number("tile-waiting")).isGreaterThan(waitingBefore);
                List<WebElement> rows = browser.findElements(By.cssSelector("#queues tbody tr"));
                assertThat(rows).anySatisfy(row -> assertThat(row.getText()).startsWith(menuName).contains("voice"));
            });
            System.out.println("dashboard: waiting " + waitingBefore + " -> " + text("tile-waiting")
                    + " after call " + callId + " queued at menu " + menu + "; connection " + text("connection"));

            as("interaction", telephony).body(Map.of("at", start.plusSeconds(40).toString(),
                            "disconnected_by", "disconnected_by_end_user"))
                    .when().post("/apps/api/v1/calls/" + callId + "/events/ended").then().statusCode(200);
        } finally {
            Files.createDirectories(SCREENSHOT.getParent());
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("dashboard screenshot: " + SCREENSHOT.toAbsolutePath());
        }
    }
}
