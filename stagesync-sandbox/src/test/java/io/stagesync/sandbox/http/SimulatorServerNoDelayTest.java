package io.stagesync.sandbox.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The simulators' HTTP server sends with TCP_NODELAY unless told otherwise: without it every answer waits for the
 * client's delayed ACK (~40 ms on Linux) after its headers, and the benchmark measures that instead of the engine.
 */
class SimulatorServerNoDelayTest {

    @Test
    void theJdkServerIsToldToSendWithoutNagle() {
        try (SimulatorServer server = new SimulatorServer("nodelay-test").start()) {
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(System.getProperty(SimulatorServer.NODELAY_PROPERTY))
                    .as("set before the JDK server reads its config").isEqualTo("true");
        }
    }
}
