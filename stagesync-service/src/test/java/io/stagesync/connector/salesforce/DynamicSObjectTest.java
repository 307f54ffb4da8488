package io.stagesync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.salesforce.api.dto.AbstractDescribedSObjectBase;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCollection;
import org.apache.camel.component.salesforce.api.utils.JsonUtils;
import org.junit.jupiter.api.Test;

/** The generic DTO serialized by camel-salesforce's own object mapper, as the Collections client does. */
class DynamicSObjectTest {
    private final ObjectMapper componentMapper = JsonUtils.createObjectMapper();

    private String serialize(DynamicSObject... records) throws Exception {
        SObjectCollection collection = new SObjectCollection();
        collection.setRecords(List.<AbstractDescribedSObjectBase>of(records));
        return componentMapper.writerFor(SObjectCollection.class).writeValueAsString(collection);
    }

    @Test
    void serializesOnlyTypeKeyAndGivenFieldsNullsIncludedOnlyWhereGiven() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Name", "Example Account");
        fields.put("Website", null);
        fields.put("Parent", Map.of("Ext_Id__c", "A-0"));
        fields.put("Renewal_At__c", OffsetDateTime.parse("2026-03-01T12:00:00+02:00"));

        String json = serialize(new DynamicSObject("Account", "Ext_Id__c", "A-1", fields));

        assertThat(json).isEqualTo("{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Account\"},"
                + "\"Ext_Id__c\":\"A-1\",\"Name\":\"Example Account\",\"Website\":null,"
                + "\"Parent\":{\"Ext_Id__c\":\"A-0\"},\"Renewal_At__c\":\"2026-03-01T10:00:00.000Z\"}]}");
    }

    @Test
    void toStringShowsFieldNamesButNoValues() {
        DynamicSObject record = new DynamicSObject("Lead", "Ext__c", "secret-key",
                Map.of("Email", "person@example.com"));

        assertThat(record.toString()).contains("Lead", "Ext__c", "Email")
                .doesNotContain("person@example.com").doesNotContain("secret-key");
    }

    @Test
    void theKeyFieldMayBeRepeatedOnlyWithTheKeyValue() throws Exception {
        String json = serialize(new DynamicSObject("Lead", "Ext__c", "k-1", Map.of("Ext__c", "k-1")));
        assertThat(json).contains("{\"attributes\":{\"type\":\"Lead\"},\"Ext__c\":\"k-1\"}");
        assertThatThrownBy(() -> new DynamicSObject("Lead", "Ext__c", "k-1", Map.of("Ext__c", "k-2")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dottedNamesAndNonFiniteNumbersAreRefused() {
        assertThatThrownBy(() -> new DynamicSObject("Contact", "Ext__c", "k", Map.of("Account.Name", "x")))
                .hasMessageContaining("nested map");
        assertThatThrownBy(() -> new DynamicSObject("Contact", "Ext__c", "k", Map.of("Score__c", Double.NaN)))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new DynamicSObject("Contact", "Ext__c", "k", Map.of("attributes", Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
