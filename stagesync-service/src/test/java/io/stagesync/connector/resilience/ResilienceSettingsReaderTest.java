package io.stagesync.connector.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.settings.SettingProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** stagesync.resilience.SYSTEM.*: defaults, declared bounds, and problems that carry their key. */
class ResilienceSettingsReaderTest {
    private final List<SettingProblem> problems = new ArrayList<>();

    @Test
    void withoutKeysThePolicyHasTheDeclaredDefaultsAndTheConnectorsConcurrency() {
        ResilienceSettings policy = ResilienceSettingsReader.read("netsuite", Map.of(), 7, problems);

        assertThat(problems).isEmpty();
        assertThat(policy.maxAttempts()).isEqualTo(ResilienceSettingsReader.MAX_ATTEMPTS.defaultInt());
        assertThat(policy.initialBackoff()).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.maxConcurrentCalls()).isEqualTo(7);
    }

    @Test
    void eachBadValueIsOneProblemOnItsOwnKey() {
        ResilienceSettings policy = ResilienceSettingsReader.read("pardot", Map.of(
                "stagesync.resilience.pardot.max-attempts", "11",
                "stagesync.resilience.pardot.breaker.window", "none",
                "stagesync.resilience.salesforce.max-attempts", "99"), 4, problems);

        assertThat(policy).isNull();
        assertThat(problems).containsExactlyInAnyOrder(
                new SettingProblem("stagesync.resilience.pardot.max-attempts",
                        "must be a whole number from 1 to 10; got '11'"),
                new SettingProblem("stagesync.resilience.pardot.breaker.window",
                        "must be a whole number of at least 1; got 'none'"));
    }

    @Test
    void aCapBelowTheFirstWaitIsAProblemOfTheCap() {
        ResilienceSettingsReader.read("eloqua", Map.of("stagesync.resilience.eloqua.initial-backoff-ms", "5000",
                "stagesync.resilience.eloqua.max-backoff-ms", "1000"), 4, problems);

        assertThat(problems).extracting(SettingProblem::key).containsExactly("stagesync.resilience.eloqua.max-backoff-ms");
        assertThat(problems.get(0).message()).contains("stagesync.resilience.eloqua.initial-backoff-ms (5000)");
    }

    @Test
    void anUnknownKeyUnderTheSystemIsAProblemListingTheKnownOnes() {
        ResilienceSettingsReader.read("salesforce", Map.of("stagesync.resilience.salesforce.retries", "3"), 4,
                problems);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("stagesync.resilience.salesforce.retries");
            assertThat(p.detail()).startsWith("unknown setting (expected one of: breaker.failure-rate, ");
        });
    }

    @Test
    void theMinimumCallsAreCappedAtTheWindow() {
        ResilienceSettings policy = ResilienceSettingsReader.read("netsuite", Map.of(
                "stagesync.resilience.netsuite.breaker.window", "5",
                "stagesync.resilience.netsuite.breaker.minimum-calls", "10"), 4, problems);

        assertThat(problems).isEmpty();
        assertThat(policy.minimumCalls()).isEqualTo(5);
    }
}
