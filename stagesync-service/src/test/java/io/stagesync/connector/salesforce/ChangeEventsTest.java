package io.stagesync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.StreamedChange;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A Change Data Capture event's header read into what the engine does with it; anything unreadable is a resync. */
class ChangeEventsTest {
    private static final Schema HEADER = SchemaBuilder.record("ChangeEventHeader").namespace("com.sforce.eventbus")
            .fields()
            .name("entityName").type().stringType().noDefault()
            .name("recordIds").type().array().items().stringType().noDefault()
            .name("changeType").type().enumeration("ChangeType").symbols("CREATE", "UPDATE", "DELETE", "UNDELETE",
                    "GAP_CREATE", "GAP_UPDATE", "GAP_DELETE", "GAP_UNDELETE", "GAP_OVERFLOW").noDefault()
            .name("commitTimestamp").type().longType().noDefault()
            .endRecord();
    private static final Schema EVENT = SchemaBuilder.record("AccountChangeEvent").namespace("com.sforce.eventbus")
            .fields().name("ChangeEventHeader").type(HEADER).noDefault()
            .name("Name").type().optional().stringType().endRecord();

    private static GenericRecord event(String changeType, String... ids) {
        GenericRecord header = new GenericData.Record(HEADER);
        header.put("entityName", new Utf8("Account"));
        header.put("recordIds", List.of(ids).stream().map(Utf8::new).toList());
        header.put("changeType", new GenericData.EnumSymbol(HEADER.getField("changeType").schema(), changeType));
        header.put("commitTimestamp", 1_795_000_000_000L);
        GenericRecord event = new GenericData.Record(EVENT);
        event.put("ChangeEventHeader", header);
        return event;
    }

    @ParameterizedTest
    @CsvSource({"CREATE,CHANGED", "UPDATE,CHANGED", "UNDELETE,UNDELETED", "GAP_CREATE,CHANGED", "GAP_UPDATE,CHANGED",
            "GAP_UNDELETE,UNDELETED", "DELETE,DELETED", "GAP_DELETE,DELETED"})
    void eachChangeTypeNamesItsRecords(String changeType, StreamedChange.Kind kind) {
        StreamedChange change = ChangeEvents.read("Account", event(changeType, "001XX0000000001AAA",
                "001XX0000000002AAA"), "AAAAAAAAAAE=");

        assertThat(change).isEqualTo(new StreamedChange("Account", kind, List.of("001XX0000000001AAA",
                "001XX0000000002AAA"), "AAAAAAAAAAE=", Instant.ofEpochMilli(1_795_000_000_000L), changeType));
    }

    @Test
    void anOverflowAWildcardIdOrAnUnreadableEventIsReadAgainFromTheWatermark() {
        assertThat(ChangeEvents.read("Account", event("GAP_OVERFLOW"), "p").kind())
                .isEqualTo(StreamedChange.Kind.RESYNC);
        assertThat(ChangeEvents.read("Account", event("UPDATE", "001*"), "p").kind())
                .isEqualTo(StreamedChange.Kind.RESYNC);
        assertThat(ChangeEvents.read("Account", "{\"not\": \"avro\"}", "p").kind())
                .isEqualTo(StreamedChange.Kind.RESYNC);
        assertThat(ChangeEvents.read("Account", new GenericData.Record(HEADER), "p").kind())
                .isEqualTo(StreamedChange.Kind.RESYNC);
    }

    @Test
    void theChannelOfAStandardAndOfACustomObject() {
        assertThat(SalesforceChangeStream.channel("Account")).isEqualTo("/data/AccountChangeEvent");
        assertThat(SalesforceChangeStream.channel("Invoice__c")).isEqualTo("/data/Invoice__ChangeEvent");
    }
}
