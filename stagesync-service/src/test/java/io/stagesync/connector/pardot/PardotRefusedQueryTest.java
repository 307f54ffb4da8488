package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.resilience.ResilienceSettings;
import io.stagesync.connector.resilience.ResilientCallPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A prospect query Account Engagement refuses (HTTP 400 with its {@code {code, message}} body) is one permanent
 * failure that names the query as sent, with {@code orderBy=updatedAt,id}, not a retry loop or a silent stall.
 */
class PardotRefusedQueryTest extends PardotWireMockTestBase {
    @Test
    void aRefusedQueryIsOnePermanentFailureNamingTheQueryAndWhatDecidesIt() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(pardotError(400, "error-400-invalid-query.json")));
        useClient(new ResilientCallPolicy(ResilienceSettings.defaults("pardot", 4)));
        List<SystemRecord> delivered = new ArrayList<>();

        PardotCallException e = catchThrowableOfType(PardotCallException.class,
                () -> new PardotChangeReader(client).readChanges(PardotChangeReader.PROSPECT, null, 100,
                        (page, end) -> delivered.addAll(page)));

        assertThat(e.retriable()).isFalse();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.pardotCode()).isEqualTo(5);
        assertThat(e.vendorMessage()).isEqualTo("Invalid query parameters");
        assertThat(e.getMessage()).contains("refused the query GET " + PROSPECTS + "?fields=id,email,",
                "&orderBy=updatedAt,id", "Invalid query parameters (code 5)", PardotSettings.KEY_PROSPECT_FIELDS);
        assertThat(delivered).isEmpty();
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(PROSPECTS)));
    }
}
