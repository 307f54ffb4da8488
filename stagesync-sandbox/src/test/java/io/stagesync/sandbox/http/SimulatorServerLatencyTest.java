package io.stagesync.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A simulator's injected latency: the request's effect happens at once, its answer comes late. */
class SimulatorServerLatencyTest {
    private final CountDownLatch handled = new CountDownLatch(1);
    static {
        System.setProperty(SimulatorServer.CONCURRENT_PROPERTY, "true");
    }

    private final SimulatorServer server = new SimulatorServer("latency-test").on("POST", "/things", request -> {
        handled.countDown();
        return SimResponse.empty(204);
    }).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void theChangeIsMadeAtOnceAndTheAnswerComesNoEarlierThanTheLatency() throws Exception {
        server.setLatency(Duration.ofSeconds(2), Duration.ofSeconds(2));
        long sent = System.nanoTime();

        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/things")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(handled.await(30, TimeUnit.SECONDS)).as("the request was handled").isTrue();
        assertThat(answer).as("handled, but not answered yet").isNotDone();
        assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void callsInFlightWaitTheirLatencyTogetherNotOneAfterAnother() throws Exception {
        CountDownLatch allHandled = new CountDownLatch(4);
        server.on("POST", "/overlap", request -> {
            allHandled.countDown();
            return SimResponse.empty(204);
        });
        server.setLatency(Duration.ofSeconds(3), Duration.ofSeconds(3));

        List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/overlap"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()));
        }

        assertThat(allHandled.await(30, TimeUnit.SECONDS))
                .as("every call was handled while the others still waited for their latency").isTrue();
        for (CompletableFuture<HttpResponse<Void>> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        }
        assertThat(server.requestCountsByRoute()).containsEntry("POST /overlap", 4L);
    }

    @Test
    void aLatencyRangeMustStartAtZeroOrMoreAndNotEndBeforeItStarts() {
        assertThatThrownBy(() -> server.setLatency(Duration.ofMillis(50), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 <= min <= max");
        assertThatThrownBy(() -> server.setLatency(Duration.ofMillis(-1), Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
