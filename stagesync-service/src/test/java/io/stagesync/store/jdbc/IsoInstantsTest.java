package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stored instants read as {@link Instant#parse} reads them, whichever way {@link IsoInstants} takes. */
class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T09:15:00Z", "2026-11-30T09:15:00.1Z", "2026-11-30T09:15:00.123Z",
            "2026-11-30T09:15:00.123456Z", "2026-11-30T09:15:00.123456789Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
            "2026-11-30T09:15:00+01:00", "+10000-01-01T00:00:00Z"})
    void readsWhatInstantParseReads(String text) {
        assertThat(IsoInstants.parse(text)).contains(Instant.parse(text));
        assertThat(IsoInstants.parse(Instant.parse(text).toString())).contains(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "", "2026-02-30T09:15:00Z", "2026-11-30T09:15:60Z",
            "2026-11-30 09:15:00Z", "2026-11-30T09:15:00.1234567890Z", "2026-11-30T09:15:00"})
    void refusesWhatIsNoInstant(String text) {
        assertThat(IsoInstants.parse(text)).isEmpty();
    }
}
