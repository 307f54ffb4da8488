package io.stagesync.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A simulator tells which records two calls wrote at once (a caller's second write of a record sent before the first
 * was answered), and nothing for writes one after another, of different records, or made through its Java API.
 */
class SimulatorServerCountsWritesOfOneRecordInFlightTwiceTest {
    static {
        System.setProperty(SimulatorServer.CONCURRENT_PROPERTY, "true");
    }

    private final CountDownLatch firstHandled = new CountDownLatch(1);
    private final SimulatorServer server = new SimulatorServer("overlap-test").on("PATCH", "/things/(\\w+)",
            request -> {
                SimulatorServer.noteWrite("thing " + request.path().substring("/things/".length()));
                firstHandled.countDown();
                return SimResponse.empty(204);
            }).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
    }

    private CompletableFuture<HttpResponse<Void>> patch(String id) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/things/" + id))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void aSecondWriteOfARecordWhileTheFirstIsUnansweredIsCounted() throws Exception {
        server.setLatency(Duration.ofSeconds(2), Duration.ofSeconds(2));

        CompletableFuture<HttpResponse<Void>> first = patch("a1");
        assertThat(firstHandled.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<Void>> second = patch("a1");
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);

        assertThat(server.overlappingWrites()).singleElement().asString()
                .contains("overlap-test thing a1 written by PATCH /things/a1");
    }

    @Test
    void writesOneAfterAnotherOrOfDifferentRecordsAreNot() throws Exception {
        server.setLatency(Duration.ofMillis(300), Duration.ofMillis(300));

        patch("a1").get(30, TimeUnit.SECONDS);
        patch("a1").get(30, TimeUnit.SECONDS);
        CompletableFuture<HttpResponse<Void>> one = patch("b1");
        CompletableFuture<HttpResponse<Void>> other = patch("b2");
        one.get(30, TimeUnit.SECONDS);
        other.get(30, TimeUnit.SECONDS);

        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(server.overlappingWrites()).isEmpty();
    }

    @Test
    void aWriteNotedOutsideACallIsNotOne() {
        SimulatorServer.noteWrite("thing a1");
        SimulatorServer.noteWrite("thing a1");

        assertThat(server.overlappingWrites()).isEmpty();
    }
}
