package io.stagesync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The slicing wrapper hides nothing of its delegate but the request size. */
class RequestSizedReaderTest {
    @Test
    void aSingleRecordIsReadByTheDelegate() {
        SystemRecord record = new SystemRecord("pardot", "prospect", "7", Instant.EPOCH, Map.of("email", "a@b.example"));
        ChangeReader delegate = new ChangeReader() {
            @Override
            public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
            }

            @Override
            public Optional<SystemRecord> readRecord(String objectType, String id) {
                return "7".equals(id) ? Optional.of(record) : Optional.empty();
            }
        };

        RequestSizedReader reader = new RequestSizedReader(delegate, 1000, SystemRecord::id);

        assertThat(reader.readRecord("prospect", "7")).contains(record);
        assertThat(reader.readRecord("prospect", "8")).isEmpty();
    }
}
