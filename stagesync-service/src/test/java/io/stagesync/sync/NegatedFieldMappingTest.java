package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.eloqua.EloquaConnector;
import io.stagesync.mapping.FieldMapping;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.model.EntityType;
import io.stagesync.stage.StageModel;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StateStore;
import io.stagesync.store.StoreSettings;
import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A negated field mapping (a system flag that says the opposite of a bool canonical field, e.g.
 * Eloqua's {@code isSubscribed} for {@code emailOptOut}) is read and written negated, so the gate
 * sees the canonical meaning.
 */
class NegatedFieldMappingTest {
    @TempDir
    Path dir;

    private StateStore store;
    private StageModel model;
    private CanonicalValues values;
    private final ObjectMapping eloqua = new ObjectMapping("eloqua", "contact", EntityType.PERSON, List.of(
            new FieldMapping("emailAddress", "email", null),
            new FieldMapping("isSubscribed", "emailOptOut", null, false, true)), Map.of());

    @BeforeEach
    void open() {
        model = StagesyncConfig.load(Path.of("config"), Map.of()).model();
        values = new CanonicalValues(model);
        store = JdbcStateStore.open(StoreSettings.h2Default(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Object optOutRead(Object isSubscribed) {
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("emailAddress", "ada@example.com");
        fields.put("isSubscribed", isSubscribed);
        return new RecordTranslator(model, values).translate(eloqua, new SystemRecord("eloqua", "contact", "1007",
                Instant.parse("2026-11-20T10:00:00Z"), fields)).values().get("emailOptOut");
    }

    @Test
    void aSubscribedContactHasNotOptedOutAndAnUnsubscribedOneHas() {
        assertThat(optOutRead("true")).isEqualTo(false);
        assertThat(optOutRead("false")).isEqualTo(true);
        assertThat(optOutRead(null)).as("no value stays no value").isNull();
    }

    @Test
    void anOptOutIsWrittenAsNotSubscribed() {
        InMemorySystem system = new InMemorySystem("eloqua", EloquaConnector.DIALECT);
        WritePlanner planner = new WritePlanner(model, StagesyncConfig.load(Path.of("config"), Map.of()).mappings(), values, store.xrefs(), Connectors.builder()
                .add("eloqua", system, system, EloquaConnector.DIALECT).build());
        store.xrefs().link("c-1", "eloqua", "contact", "1007");
        CanonicalRecord row = CanonicalRecord.newRecord("c-1", "person", "MQL",
                Map.of("email", "ada@example.com", "emailOptOut", true));

        PlannedWrite write = planner.plan(eloqua, row, "salesforce", "00QXX0000000001AAA").orElseThrow();

        assertThat(write.fields()).containsEntry("isSubscribed", false);
        assertThat(write.projection()).as("projections stay canonical, so echoes compare").containsEntry("emailOptOut", true);
    }
}
