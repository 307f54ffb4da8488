package io.stagesync.connector.pardot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RequestSizedReader;
import io.stagesync.connector.SystemRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stagesync.pardot.page-size} (default 1000, v5's maximum) is the {@code limit} the prospect
 * query sends, whatever page size the engine applies and commits in ({@code stagesync.sync.page-size},
 * default 200): the engine still gets pages of its own size, each with a position to resume from.
 * Readers built as the service builds them (ConnectorAssembly).
 */
class PardotPageSizeTest extends PardotWireMockTestBase {
    private static final int ENGINE_PAGE_SIZE = 200;
    private static final String FIELDS = "id,email,firstName,lastName,company,score,grade,campaignId,updatedAt,"
            + "Lifecycle_Stage__c,salesforceLeadId,salesforceContactId";

    private final FakeProspectQuery fake = new FakeProspectQuery(rows(450), FIELDS);

    private static List<FakeProspectQuery.Row> rows(int count) {
        List<FakeProspectQuery.Row> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new FakeProspectQuery.Row(i, String.format("2024-05-01T10:%02d:%02d-04:00", i / 60, i % 60)));
        }
        return rows;
    }

    @Override
    WireMockConfiguration wireMockOptions() {
        return super.wireMockOptions().extensions(fake);
    }

    private ChangeReader assembled(PardotSettings settings) {
        return new RequestSizedReader(new PardotChangeReader(client), settings.pageSize(),
                record -> PardotChangeReader.cursor(record.id()));
    }

    private List<LoggedRequest> queries() {
        return apiRequests().stream().filter(r -> r.getUrl().startsWith(PROSPECTS)).toList();
    }

    @Test
    void theDocumentedDefaultOf1000IsTheLimitSentWhileTheEngineGetsPagesOf200() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(aResponse().withTransformers(FakeProspectQuery.NAME)));
        PardotSettings settings = PardotSettings.from(settingsValues());
        List<Integer> pageSizes = new ArrayList<>();
        List<ChangePosition> ends = new ArrayList<>();

        assembled(settings).readChanges("prospect", null, ENGINE_PAGE_SIZE, (page, end) -> {
            pageSizes.add(page.size());
            ends.add(end);
            return true;
        });

        assertThat(settings.pageSize()).isEqualTo(1000);
        assertThat(queries()).singleElement().satisfies(q -> assertThat(q.queryParameter("limit").firstValue())
                .isEqualTo("1000"));
        assertThat(pageSizes).containsExactly(200, 200, 50);
        assertThat(ends.get(0).cursor()).isEqualTo(PardotChangeReader.cursor("200"));
        assertThat(ends.get(2).cursor()).isEqualTo(PardotChangeReader.cursor("450"));
    }

    @Test
    void aConfiguredPageSizeIsSentAndAResumeFromAnEnginePageEndNeitherSkipsNorRepeats() {
        stubToken();
        wireMock.stubFor(get(urlPathEqualTo(PROSPECTS)).willReturn(aResponse().withTransformers(FakeProspectQuery.NAME)));
        Map<String, String> values = settingsValues();
        values.put(PardotSettings.KEY_PAGE_SIZE, "300");
        ChangeReader reader = assembled(PardotSettings.from(values));
        List<String> seen = new ArrayList<>();
        ChangePosition[] saved = {null};

        reader.readChanges("prospect", null, ENGINE_PAGE_SIZE, (page, end) -> {
            page.stream().map(SystemRecord::id).forEach(seen::add);
            saved[0] = end;
            return false;
        });
        reader.readChanges("prospect", saved[0], ENGINE_PAGE_SIZE, (page, end) -> {
            page.stream().map(SystemRecord::id).forEach(seen::add);
            return true;
        });

        assertThat(queries()).isNotEmpty().allSatisfy(q -> assertThat(q.queryParameter("limit").isPresent()
                ? q.queryParameter("limit").firstValue() : "300").isEqualTo("300"));
        assertThat(seen).hasSize(450).doesNotHaveDuplicates().startsWith("1", "2").endsWith("450");
    }
}
