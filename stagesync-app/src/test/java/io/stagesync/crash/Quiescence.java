package io.stagesync.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When the sync has nothing left to do: no record in any system changed for a while, and since the last change
 * every connector has completed two polls (the second one started after the change, so it read everything), as
 * the service's admin API ({@code GET /api/connectors}, {@code lastSuccessfulPoll}) tells. A service that is still
 * starting, capturing or failing its polls is therefore never taken for a quiet one.
 */
final class Quiescence {
    private static final int POLLS_AFTER_CHANGE = 2;

    private final VendorFakes fakes;
    private final ServiceAdmin admin;

    Quiescence(VendorFakes fakes, ServiceAdmin admin) {
        this.fakes = fakes;
        this.admin = admin;
    }

    /**
     * Waits until nothing changed for {@code quiet} and every connector polled twice since.
     *
     * @param alive checked on every round; throws when the service ended
     * @throws AssertionError when that does not happen within {@code timeout}, with each connector's last error
     */
    void await(Duration quiet, Duration timeout, Runnable alive) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int fingerprint = fakes.fingerprint();
        long changedAt = System.nanoTime();
        Map<String, String> lastPoll = new HashMap<>();
        Map<String, Integer> pollsSince = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        Set<String> systems = new HashSet<>();
        while (true) {
            alive.run();
            Thread.sleep(500);
            int now = fakes.fingerprint();
            if (now != fingerprint) {
                fingerprint = now;
                changedAt = System.nanoTime();
                pollsSince.clear();
            }
            for (JsonNode connector : admin.connectors()) {
                String system = connector.path("system").asText();
                if (connector.path("configured").asBoolean()) {
                    systems.add(system);
                }
                String poll = connector.path("lastSuccessfulPoll").asText(null);
                if (poll != null && !Objects.equals(poll, lastPoll.put(system, poll))) {
                    pollsSince.merge(system, 1, Integer::sum);
                }
                errors.put(system, connector.path("lastError").asText(null));
            }
            boolean polled = !systems.isEmpty()
                    && systems.stream().allMatch(s -> pollsSince.getOrDefault(s, 0) >= POLLS_AFTER_CHANGE);
            if (polled && System.nanoTime() - changedAt >= quiet.toNanos()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sync did not settle within " + timeout.toSeconds() + " s after the users "
                        + "stopped (polls since the last change: " + pollsSince + "; last errors: " + errors + ")");
            }
        }
    }
}
