package io.stagesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemRecord;
import io.stagesync.sync.ChangeQueue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A change written to the queue and read back is the record as the connector gave it: the same values of the same
 * types (decimals as BigDecimal with their scale, whole numbers as Integer or Long, nested objects and lists,
 * nulls), so its content hash is the one its read had; its key names the record it came from; a message that is
 * not one is refused naming what is wrong.
 */
class ChangeMessageRoundTripTest {
    private static SystemRecord record() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Name", "Example Analytics Ltd");
        fields.put("AnnualRevenue", new BigDecimal("1250000.50"));
        fields.put("NumberOfEmployees", 120);
        fields.put("BigNumber", 9_000_000_000L);
        fields.put("IsPartner", true);
        fields.put("Website", null);
        fields.put("attributes", Map.of("type", "Account", "url", "/services/data/v62.0/sobjects/Account/001"));
        fields.put("Tags", List.of("a", "b"));
        return new SystemRecord("salesforce", "Account", "001000000000001AAA", Instant.parse("2026-11-01T09:00:01Z"),
                fields);
    }

    @Test
    void aRecordReadBackIsTheRecordWrittenWithItsValuesTypes() {
        ChangeMessage written = new ChangeMessage(record(), ChangeQueue.Mode.APPLY_AND_WRITE, "instance-1", 17);

        ChangeMessage read = ChangeMessage.parse(written.toJson());

        assertThat(read).isEqualTo(written);
        assertThat(read.record().fields().get("AnnualRevenue")).isEqualTo(new BigDecimal("1250000.50"));
        assertThat(read.record().fields().get("NumberOfEmployees")).isInstanceOf(Integer.class);
        assertThat(read.record().fields().get("BigNumber")).isInstanceOf(Long.class);
        assertThat(read.record().fields()).containsKey("Website");
        assertThat(List.copyOf(read.record().fields().keySet())).as("field order")
                .isEqualTo(List.copyOf(record().fields().keySet()));
    }

    @Test
    void theKeyIsTheRecordItCameFrom() {
        assertThat(new ChangeMessage(record(), ChangeQueue.Mode.APPLY_AND_WRITE, "i", 0).key())
                .isEqualTo("salesforce/Account/001000000000001AAA");
    }

    @Test
    void aMessageThatIsNotOneIsRefusedNamingWhatIsWrong() {
        String good = new ChangeMessage(record(), ChangeQueue.Mode.APPLY_AND_WRITE, "i", 0).toJson();
        for (String[] bad : Arrays.asList(
                new String[] {"{\"v\": 1, \"system\": ", "the message is not JSON"},
                new String[] {"null", "the message is JSON null"},
                new String[] {"{}", "the message has no version \"v\""},
                new String[] {good.replace("\"v\":1", "\"v\":2"), "version 2, written by a newer stagesync"},
                new String[] {good.replace("\"modstamp\":\"2026-11-01T09:00:01Z\"", "\"modstamp\":\"yesterday\""),
                        "\"modstamp\" is not an ISO-8601 instant: yesterday"},
                new String[] {good.replace("\"mode\":\"APPLY_AND_WRITE\"", "\"mode\":\"DELETE\""),
                        "\"mode\" is not one of APPLY_AND_WRITE, APPLY_ONLY: DELETE"},
                new String[] {good.replace("\"id\":\"001000000000001AAA\"", "\"id\":7"), "\"id\" is missing or not text"},
                new String[] {good.replace("\"readStart\":0", "\"readStart\":\"x\""),
                        "\"readStart\" is missing or not a number"})) {
            assertThatThrownBy(() -> ChangeMessage.parse(bad[0])).as(bad[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad[1]);
        }
        assertThatThrownBy(() -> ChangeMessage.parse(null)).hasMessage("the message has no value");
    }
}
