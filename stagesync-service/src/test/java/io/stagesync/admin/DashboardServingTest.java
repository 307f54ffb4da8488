package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the real application serves the dashboard's files on the admin server (routes/dashboard.yaml): without a
 * token, with their media types, {@code no-store}, a same-origin-only Content-Security-Policy and no CORS
 * header; only the three named files; and nothing in them that loads from another origin.
 */
class DashboardServingTest {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @TempDir
    static Path dir;
    static AdminTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = AdminTestBed.withToken(dir).start();
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "/, text/html; charset=utf-8, index.html",
            "/dashboard/dashboard.js, text/javascript; charset=utf-8, dashboard.js",
            "/dashboard/dashboard.css, text/css; charset=utf-8, dashboard.css"
    })
    void eachFileIsServedWithoutATokenWithItsTypeAndTheStrictHeaders(String path, String type, String file)
            throws Exception {
        HttpResponse<String> response = bed.get(path, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(resource(file));
        assertThat(response.headers().firstValue("content-type")).hasValue(type);
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(response.headers().firstValue("content-security-policy")).hasValue(CSP);
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void noCorsHeaderEvenWhenAnotherOriginAsks() throws Exception {
        HttpResponse<String> response = bed.send(HttpRequest.newBuilder(bed.uri("/dashboard/dashboard.js"))
                .header("Origin", "https://evil.example.com").GET(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard/index.html", "/dashboard/app.js", "/dashboard/DASHBOARD.JS",
            "/dashboard/%2e%2e%2fpom.xml"})
    void anyOtherNameUnderDashboardIsNotFound(String path) throws Exception {
        HttpResponse<String> response = bed.get(path, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("<html");
    }

    @Test
    void thePageAndItsFilesLoadNothingFromAnotherOriginAndPutNoTokenInAUrl() throws Exception {
        String page = resource("index.html");
        String all = page + resource("dashboard.js") + resource("dashboard.css");

        assertThat(all).doesNotContainPattern("(?i)https?://").doesNotContain("//cdn").doesNotContain("@import");
        assertThat(page).contains("<script src=\"/dashboard/dashboard.js\" defer></script>")
                .contains("<link rel=\"stylesheet\" href=\"/dashboard/dashboard.css\">")
                .doesNotContain("<script>").doesNotContain(" style=\"").doesNotContain(" onclick=");
        // the token input has no name, so a form submitted without the script carries no token in its URL
        assertThat(page).containsPattern("<input id=\"token\" type=\"password\"(?![^>]*\\bname=)[^>]*>");
    }

    @Test
    void theApiStillNeedsTheTokenThePageDoesNot() throws Exception {
        assertThat(bed.get("/", null).statusCode()).isEqualTo(200);
        assertThat(bed.get("/api/kpis", null).statusCode()).isEqualTo(401);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = DashboardServingTest.class.getClassLoader()
                .getResourceAsStream(DashboardAssets.FOLDER + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
