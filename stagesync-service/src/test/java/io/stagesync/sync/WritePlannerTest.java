package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.eloqua.EloquaConnector;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.mapping.FieldMapping;
import io.stagesync.mapping.ObjectMapping;
import io.stagesync.model.Bookkeeping;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.model.SystemObject;
import io.stagesync.store.memory.InMemoryXrefStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WritePlanner} on the shipped mappings with the four systems' real write dialects and an in-memory xref:
 * which write is planned for each target (create or update, its key), only the fields that differ from what the
 * target holds, {@code only-if-blank} judged per target, finer stage values kept, the {@code create} rules of each
 * object, references, read-only and negated fields.
 */
class WritePlannerTest {
    private static final String ACME_LINKED = "a-1 salesforce Account 001A";

    private final InMemoryXrefStore xrefs = new InMemoryXrefStore();
    private final WritePlanner planner = new WritePlanner(ShippedConfig.model(), ShippedConfig.mappings(),
            ShippedConfig.values(), xrefs, Connectors.builder()
            .add("salesforce", null, null, SalesforceConnector.DIALECT)
            .add("netsuite", null, null, NetSuiteConnector.DIALECT)
            .add("pardot", null, null, PardotConnector.DIALECT)
            .add("eloqua", null, null, EloquaConnector.DIALECT)
            .build());

    /** Pairs of name and value, in order (null values allowed). */
    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A canonical record (saved once) with these fields and no bookkeeping. */
    private static CanonicalRecord record(String id, String entity, String stage, Map<String, Object> fields) {
        return new CanonicalRecord(id, entity, stage, fields, Bookkeeping.NONE, 1, java.time.Instant.EPOCH);
    }

    /** A canonical record (saved once) with these fields and this bookkeeping. */
    private static CanonicalRecord record(String id, String entity, String stage, Held held) {
        return new CanonicalRecord(id, entity, stage, held.fields(), held.bookkeeping(), 1, java.time.Instant.EPOCH);
    }

    /** Fields, and bookkeeping saying what one system object holds. */
    private record Held(Map<String, Object> fields, Bookkeeping bookkeeping) {
    }

    /** {@code fields} plus what {@code "system object"} holds as last written or read: projection entry to text. */
    private static Held holding(Map<String, Object> fields, String target, Object... projection) {
        Map<String, String> texts = new LinkedHashMap<>();
        map(projection).forEach((entry, text) -> texts.put(entry, text == null ? null : text.toString()));
        String[] parts = target.split(" ");
        return new Held(fields, Bookkeeping.NONE.withWritten(new SystemObject(parts[0], parts[1]), texts));
    }

    private static Map<String, Object> reference(String id) {
        return Map.of("id", id);
    }

    /** The write expected: key field, key, fields sent exactly, and a problem containing {@code problem} (or null). */
    private record Expected(String keyField, String key, Map<String, Object> fields, String problem) {
        @Override
        public String toString() {
            return keyField + "=" + key + " " + fields + (problem == null ? "" : " (" + problem + ")");
        }
    }

    private static Optional<Expected> writes(String keyField, String key, Map<String, Object> fields) {
        return Optional.of(new Expected(keyField, key, fields, null));
    }

    private static Optional<Expected> refused(String keyField, String key, Map<String, Object> fields, String problem) {
        return Optional.of(new Expected(keyField, key, fields, problem));
    }

    /**
     * @param links  the xref, each {@code "canonicalId system object externalId"}
     * @param target {@code "system object"}
     * @param source {@code "system id"} the change came from
     */
    private static Arguments row(String says, List<String> links, String target, CanonicalRecord row, String source,
                                 Optional<Expected> expected) {
        return Arguments.of(says, links, target, row, source, expected);
    }

    private static final Map<String, Object> ACME = map("name", "Acme", "website", "https://acme.example");
    private static final Map<String, Object> ADA = map("firstName", "Ada", "lastName", "Lovelace",
            "email", "ada@example.com");

    static Stream<Arguments> plans() {
        return Stream.of(
                // create or update, and the key
                row("a new account from Salesforce is created in NetSuite keyed by its Salesforce id",
                        List.of(ACME_LINKED), "netsuite customer", record("a-1", "account", "OPPORTUNITY", ACME),
                        "salesforce 001A", writes("externalId", "001A", map("companyName", "Acme",
                                "url", "https://acme.example", "entityStatus", reference("9")))),
                row("an account NetSuite has is updated by its internal id, sending every value it was never sent",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", ACME), "salesforce 001A",
                        writes("id", "77", map("companyName", "Acme", "url", "https://acme.example", "phone", null,
                                "externalId", "001A", "entityStatus", reference("9")))),
                row("a new account from NetSuite is created in Salesforce keyed by its NetSuite id",
                        List.of("a-1 netsuite customer 77"), "salesforce Account",
                        record("a-1", "account", "CUSTOMER", ACME), "netsuite 77",
                        writes("NetSuite_Id__c", "77", map("Name", "Acme", "Website", "https://acme.example",
                                "Lifecycle_Stage__c", "Customer"))),
                row("a record the target keeps no id for the source of cannot be created, and says so",
                        List.of(), "netsuite customer", record("a-1", "account", "LEAD", ACME), "pardot 101",
                        refused("", "", map("companyName", "Acme", "url", "https://acme.example",
                                "entityStatus", reference("6")),
                                "netsuite customer keeps no id for pardot, so a record from there cannot be created")),
                // only what differs
                row("nothing is planned when NetSuite holds every value already",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", holding(ACME, "netsuite customer", "name", "Acme",
                                "website", "https://acme.example", "phone", "", "~link.salesforce", "001A",
                                "~stage", "9")), "salesforce 001A", Optional.empty()),
                row("only the changed name is sent",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", holding(map("name", "Acme Inc",
                                "website", "https://acme.example"), "netsuite customer", "name", "Acme",
                                "website", "https://acme.example", "phone", "", "~link.salesforce", "001A",
                                "~stage", "9")), "salesforce 001A", writes("id", "77", map("companyName", "Acme Inc"))),
                row("a value emptied in the canonical record is cleared where the target held it",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", holding(ACME, "netsuite customer", "name", "Acme",
                                "website", "https://acme.example", "phone", "+1 555 0100", "~link.salesforce", "001A",
                                "~stage", "9")), "salesforce 001A", writes("id", "77", map("phone", null))),
                row("a lost reverse link is written again",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", holding(ACME, "netsuite customer", "name", "Acme",
                                "website", "https://acme.example", "phone", "", "~link.salesforce", "",
                                "~stage", "9")), "salesforce 001A", writes("id", "77", map("externalId", "001A"))),
                // only-if-blank per target
                row("a website is not written over the one the target holds (only-if-blank)",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", holding(map("name", "Acme",
                                "website", "https://new.example"), "netsuite customer", "name", "Acme",
                                "website", "http://old.example/", "phone", "", "~link.salesforce", "001A",
                                "~stage", "9")), "salesforce 001A", Optional.empty()),
                row("a website is written into a target whose website is blank",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", holding(ACME, "netsuite customer", "name", "Acme",
                                "website", "", "phone", "", "~link.salesforce", "001A", "~stage", "9")),
                        "salesforce 001A", writes("id", "77", map("url", "https://acme.example"))),
                row("a website the canonical record lacks does not clear the one the target holds",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "OPPORTUNITY", holding(map("name", "Acme"), "netsuite customer",
                                "name", "Acme", "website", "http://old.example/", "phone", "", "~link.salesforce",
                                "001A", "~stage", "9")), "salesforce 001A", Optional.empty()),
                // stage values
                row("a customer at NetSuite's renewal status keeps it (a finer value of CUSTOMER)",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "CUSTOMER", holding(ACME, "netsuite customer", "name", "Acme",
                                "website", "https://acme.example", "phone", "", "~link.salesforce", "001A",
                                "~stage", "15")), "salesforce 001A", Optional.empty()),
                row("a prospect becoming a customer gets NetSuite's first CUSTOMER status",
                        List.of(ACME_LINKED, "a-1 netsuite customer 77"), "netsuite customer",
                        record("a-1", "account", "CUSTOMER", holding(ACME, "netsuite customer", "name", "Acme",
                                "website", "https://acme.example", "phone", "", "~link.salesforce", "001A",
                                "~stage", "12")), "salesforce 001A", writes("id", "77", map("entityStatus",
                                reference("13")))),
                row("a stage NetSuite's customer status cannot show writes no status",
                        List.of(ACME_LINKED), "netsuite customer", record("a-1", "account", "SAL", ACME),
                        "salesforce 001A", writes("externalId", "001A", map("companyName", "Acme",
                                "url", "https://acme.example"))),
                row("an opportunity at Negotiation/Review keeps it while the deal is an OPPORTUNITY",
                        List.of("d-1 salesforce Opportunity 006A"), "salesforce Opportunity",
                        record("d-1", "deal", "OPPORTUNITY", holding(map("name", "Acme - 100 seats", "amount", 24000.0),
                                "salesforce Opportunity", "name", "Acme - 100 seats", "amount", "24000",
                                "closeDate", "", "dealType", "", "lossReason", "", "accountId", "",
                                "~link.netsuite", "", "~stage", "Negotiation/Review")), "netsuite 31", Optional.empty()),
                row("an opportunity at Negotiation/Review gets Closed Won when the deal is won",
                        List.of("d-1 salesforce Opportunity 006A"), "salesforce Opportunity",
                        record("d-1", "deal", "WON", holding(map("name", "Acme - 100 seats", "amount", 24000.0),
                                "salesforce Opportunity", "name", "Acme - 100 seats", "amount", "24000",
                                "closeDate", "", "dealType", "", "lossReason", "", "accountId", "",
                                "~link.netsuite", "", "~stage", "Negotiation/Review")), "netsuite 31",
                        writes("Id", "006A", map("StageName", "Closed Won"))),
                // deals and references
                row("a new deal is created in NetSuite with its account as a reference and its close date as a date",
                        List.of("d-1 salesforce Opportunity 006A", "a-1 netsuite customer 77"), "netsuite opportunity",
                        record("d-1", "deal", "OPPORTUNITY", map("name", "Acme - 100 seats", "amount", 24000.0,
                                "closeDate", "2026-12-15T00:00:00Z", "accountId", "a-1")), "salesforce 006A",
                        writes("externalId", "006A", map("title", "Acme - 100 seats", "projectedTotal", 24000.0,
                                "expectedCloseDate", "2026-12-15", "entity", reference("77"),
                                "entityStatus", reference("10")))),
                row("a close date with a time of day is sent as the instant",
                        List.of("d-1 salesforce Opportunity 006A"), "netsuite opportunity",
                        record("d-1", "deal", "LOST", map("closeDate", "2026-12-15T10:30:00Z")), "salesforce 006A",
                        writes("externalId", "006A", map("expectedCloseDate", "2026-12-15T10:30:00Z",
                                "entityStatus", reference("14")))),
                row("a deal whose account is not in NetSuite yet waits for it",
                        List.of("d-1 salesforce Opportunity 006A", ACME_LINKED), "netsuite opportunity",
                        record("d-1", "deal", "OPPORTUNITY", map("name", "Acme - 100 seats", "accountId", "a-1")),
                        "salesforce 006A", refused("externalId", "006A", map("title", "Acme - 100 seats",
                                "entityStatus", reference("10")),
                                "the customer this record refers to (entity, canonical a-1) is not in netsuite yet")),
                row("an amount equal to the one held in another form is not sent",
                        List.of("d-1 salesforce Opportunity 006A", "d-1 netsuite opportunity 31"),
                        "netsuite opportunity", record("d-1", "deal", "OPPORTUNITY", holding(map("name", "Deal",
                                "amount", 24000.0), "netsuite opportunity", "name", "Deal", "amount", "24000",
                                "closeDate", "", "accountId", "", "~link.salesforce", "006A", "~stage", "10")),
                        "salesforce 006A", Optional.empty()),
                // the create rules of people
                row("a person only in Pardot is not created as a Salesforce Lead before MQL",
                        List.of("p-1 pardot prospect 101"), "salesforce Lead", record("p-1", "person", "LEAD", ADA),
                        "pardot 101", Optional.empty()),
                row("an MQL from Pardot is created as a Salesforce Lead keyed by its Pardot id, with the on-create fields",
                        List.of("p-1 pardot prospect 101"), "salesforce Lead",
                        record("p-1", "person", "MQL", map("firstName", "Ada", "lastName", "Lovelace",
                                "email", "ada@example.com", "company", "Example Ltd", "score", 82L)), "pardot 101",
                        writes("Pardot_Id__c", "101", map("FirstName", "Ada", "LastName", "Lovelace",
                                "Email", "ada@example.com", "Company", "Example Ltd", "Lead_Score__c", 82L,
                                "Status", "Marketing Qualified", "OwnerId", "00GXX00000000012AA", "LeadSource", "Web"))),
                row("a new Lead's owner, when known, is not replaced by the on-create queue",
                        List.of("p-1 eloqua contact 9"), "salesforce Lead",
                        record("p-1", "person", "MQL", map("email", "ada@example.com", "owner", "005X")), "eloqua 9",
                        writes("Eloqua_Id__c", "9", map("Email", "ada@example.com", "OwnerId", "005X",
                                "Status", "Marketing Qualified", "LeadSource", "Web"))),
                row("no Lead is created for a person who is a Salesforce Contact",
                        List.of("p-1 pardot prospect 101", "p-1 salesforce Contact 003A"), "salesforce Lead",
                        record("p-1", "person", "MQL", ADA), "pardot 101", Optional.empty()),
                row("a converted Lead is no longer updated: its Contact represents the person",
                        List.of("p-1 salesforce Lead 00QA", "p-1 salesforce Contact 003A"), "salesforce Lead",
                        record("p-1", "person", "SQL", map("firstName", "Augusta")), "salesforce 003A",
                        Optional.empty()),
                row("a Salesforce Contact is never created",
                        List.of("p-1 pardot prospect 101"), "salesforce Contact",
                        record("p-1", "person", "CUSTOMER", ADA), "pardot 101", Optional.empty()),
                row("a NetSuite contact is not created for a person who is only a Lead",
                        List.of("p-1 salesforce Lead 00QA"), "netsuite contact", record("p-1", "person", "SQL", ADA),
                        "salesforce 00QA", Optional.empty()),
                row("a customer's Salesforce Contact is created in NetSuite with its company and stage",
                        List.of("p-1 salesforce Contact 003A", "a-1 netsuite customer 77"), "netsuite contact",
                        record("p-1", "person", "CUSTOMER", map("firstName", "Ada", "email", "ada@example.com",
                                "accountId", "a-1")), "salesforce 003A",
                        writes("externalId", "003A", map("firstName", "Ada", "email", "ada@example.com",
                                "company", reference("77"), "custentity_stagesync_stage", reference("9")))),
                row("a person edited in Pardot is created in NetSuite keyed by its Salesforce Contact id",
                        List.of("p-1 salesforce Contact 003A", "p-1 pardot prospect 101"), "netsuite contact",
                        record("p-1", "person", "CUSTOMER", map("email", "ada@example.com")), "pardot 101",
                        writes("externalId", "003A", map("email", "ada@example.com",
                                "custentity_stagesync_stage", reference("9")))),
                row("a person recycled to NURTURE is created in Pardot keyed by email",
                        List.of("p-1 salesforce Contact 003A"), "pardot prospect",
                        record("p-1", "person", "NURTURE", ADA), "salesforce 003A",
                        writes("email", "ada@example.com", map("firstName", "Ada", "lastName", "Lovelace",
                                "Lifecycle_Stage__c", "Nurture"))),
                row("a person recycled to NURTURE without an email cannot be created in Eloqua",
                        List.of("p-1 salesforce Contact 003A"), "eloqua contact",
                        record("p-1", "person", "NURTURE", map("firstName", "Ada")), "salesforce 003A",
                        refused("emailAddress", "", map("firstName", "Ada", "C_Lead_Stage1", "Nurture"),
                                "no email to create the eloqua contact record by")),
                row("a person at MQL is not created in Pardot",
                        List.of("p-1 salesforce Lead 00QA"), "pardot prospect", record("p-1", "person", "MQL", ADA),
                        "salesforce 00QA", Optional.empty()),
                // read-only fields
                row("a changed score is never written to Eloqua, where it is read-only",
                        List.of("p-1 eloqua contact 9"), "eloqua contact",
                        record("p-1", "person", "MQL", holding(map("email", "ada@example.com", "score", 90L,
                                "emailOptOut", true), "eloqua contact", "email", "ada@example.com", "firstName", "",
                                "lastName", "", "company", "", "phone", "", "emailOptOut", "false", "score", "50",
                                "grade", "", "firstTouchCampaign", "", "~stage", "MQL")), "pardot 101",
                        Optional.empty()),
                row("a changed score is written to Pardot, where it is not read-only",
                        List.of("p-1 pardot prospect 101"), "pardot prospect",
                        record("p-1", "person", "MQL", holding(map("email", "ada@example.com", "score", 90L),
                                "pardot prospect", "email", "ada@example.com", "firstName", "", "lastName", "",
                                "company", "", "phone", "", "score", "50", "grade", "", "emailOptOut", "",
                                "firstTouchCampaign", "", "~stage", "MQL")), "eloqua 9",
                        writes("id", "101", map("score", 90L))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansTheWriteOfEachTarget(String says, List<String> links, String target, CanonicalRecord row,
                                   String source, Optional<Expected> expected) {
        links.forEach(link -> {
            String[] parts = link.split(" ");
            xrefs.link(parts[0], parts[1], parts[2], parts[3]);
        });
        String[] to = target.split(" ");
        String[] from = source.split(" ");

        Optional<PlannedWrite> write = planner.plan(ShippedConfig.mapping(to[0], to[1]), row, from[0], from[1]);

        assertThat(write.map(w -> new Expected(w.keyField(), w.key(), w.fields(), w.problem())))
                .usingRecursiveComparison().ignoringFields("value.problem").isEqualTo(expected);
        expected.ifPresent(e -> {
            PlannedWrite w = write.orElseThrow();
            assertThat(w.canonicalId()).isEqualTo(row.id());
            if (e.problem() == null) {
                assertThat(w.problem()).as("problem").isNull();
            } else {
                assertThat(w.problem()).as("problem").contains(e.problem());
            }
        });
    }

    @Test
    void aTargetWithoutAConnectorIsNotPlanned() {
        WritePlanner salesforceOnly = new WritePlanner(ShippedConfig.model(), ShippedConfig.mappings(),
                ShippedConfig.values(), xrefs, Connectors.builder()
                .add("salesforce", null, null, SalesforceConnector.DIALECT).build());

        assertThat(salesforceOnly.plan(ShippedConfig.mapping("netsuite", "customer"),
                record("a-1", "account", "LEAD", ACME), "salesforce", "001A")).isEmpty();
    }

    @Test
    void theProjectionIsWhatTheTargetHoldsAfterTheWriteAndItsStageValueIsSetOnlyWhenSent() {
        xrefs.link("a-1", "salesforce", "Account", "001A");
        xrefs.link("a-1", "netsuite", "customer", "77");
        CanonicalRecord row = record("a-1", "account", "CUSTOMER", holding(map("name", "Acme Inc",
                "website", "https://new.example"), "netsuite customer", "name", "Acme", "website", "http://old.example/",
                "phone", "", "~link.salesforce", "001A", "~stage", "15"));

        PlannedWrite write = planner.plan(ShippedConfig.mapping("netsuite", "customer"), row, "salesforce", "001A")
                .orElseThrow();

        assertThat(write.projection()).isEqualTo(map("name", "Acme Inc", "website", "http://old.example/",
                "phone", null, "~link.salesforce", "001A", "~stage", "15"));
        assertThat(write.stageValue()).as("the held finer value, part of what the target holds").isEqualTo("15");
    }

    static Stream<Arguments> stageValues() {
        return Stream.of(
                Arguments.of("an Opportunity keeps its finer OPPORTUNITY value", "salesforce Opportunity",
                        "OPPORTUNITY", "Negotiation/Review", "Negotiation/Review"),
                Arguments.of("an Opportunity with no known value gets the first OPPORTUNITY value",
                        "salesforce Opportunity", "OPPORTUNITY", null, "Prospecting"),
                Arguments.of("an empty held value counts as unknown", "salesforce Opportunity", "OPPORTUNITY", "",
                        "Prospecting"),
                Arguments.of("an Opportunity reopened from Closed Won gets the first OPPORTUNITY value",
                        "salesforce Opportunity", "OPPORTUNITY", "Closed Won", "Prospecting"),
                Arguments.of("a won Opportunity gets Closed Won", "salesforce Opportunity", "WON", "Negotiation/Review",
                        "Closed Won"),
                Arguments.of("a NetSuite customer at Renewal keeps it", "netsuite customer", "CUSTOMER", "15", "15"),
                Arguments.of("a NetSuite prospect becoming a customer gets Closed Won (13)", "netsuite customer",
                        "CUSTOMER", "12", "13"),
                Arguments.of("a NetSuite prospect in negotiation keeps it as OPPORTUNITY", "netsuite customer",
                        "OPPORTUNITY", "11", "11"),
                Arguments.of("a NetSuite customer cannot show SAL", "netsuite customer", "SAL", "7", null),
                Arguments.of("a Lead cannot show WON", "salesforce Lead", "WON", "Sales Qualified", null),
                Arguments.of("a Lead at OPPORTUNITY shows Closed - Converted", "salesforce Lead", "OPPORTUNITY", null,
                        "Closed - Converted"),
                Arguments.of("a held value the mapping does not know is replaced", "pardot prospect", "NURTURE", "Bogus",
                        "Nurture"),
                Arguments.of("no stage has no value", "salesforce Contact", null, "Lead", null),
                Arguments.of("an object without a stage field has no value", "salesforce Account", "CUSTOMER", null,
                        "Customer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stageValues")
    void keepsFinerStageValuesAndOtherwiseWritesTheMappedOne(String says, String target, String stage, String held,
                                                            String expected) {
        String[] to = target.split(" ");

        assertThat(planner.stageValueFor(ShippedConfig.mapping(to[0], to[1]), stage, held)).isEqualTo(expected);
    }

    static Stream<Arguments> negatedValues() {
        return Stream.of(
                Arguments.of("an opted-out person is written as not subscribed", true, null, false),
                Arguments.of("a person who has not opted out is written as subscribed", false, null, true),
                Arguments.of("a change of opt-out flips the subscription", false, "true", true),
                Arguments.of("no opt-out value clears the subscription field", null, "true", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatedValues")
    void writesANegatedFieldAsTheOppositeOfItsCanonicalValue(String says, Boolean optOut, String held,
                                                             Object isSubscribed) {
        ObjectMapping shipped = ShippedConfig.mapping("eloqua", "contact");
        ObjectMapping writable = new ObjectMapping(shipped.system(), shipped.object(), shipped.entity(), List.of(
                new FieldMapping("emailAddress", "email", null),
                new FieldMapping("isSubscribed", "emailOptOut", null, false, true)), Map.of(), shipped.create(),
                shipped.fixed(), shipped.createKey());
        xrefs.link("p-1", "eloqua", "contact", "9");
        Map<String, Object> fields = new HashMap<>();
        fields.put("email", "ada@example.com");
        if (optOut != null) {
            fields.put("emailOptOut", optOut);
        }
        Object[] holds = held == null ? new Object[] {"email", "ada@example.com", "~stage", "MQL"}
                : new Object[] {"email", "ada@example.com", "emailOptOut", held, "~stage", "MQL"};

        PlannedWrite write = planner.plan(writable, record("p-1", "person", "MQL",
                holding(fields, "eloqua contact", holds)), "salesforce", "003A").orElseThrow();

        assertThat(write.fields()).isEqualTo(map("isSubscribed", isSubscribed));
        assertThat(write.projection()).as("the projection stays canonical").containsEntry("emailOptOut", optOut);
    }

    /**
     * A person linked to a Salesforce Contact and (sharing its email) a Lead, reported by the Lead, is created in
     * NetSuite (its contact mapping requires a Salesforce Contact). The NetSuite contact's externalId must be the id
     * its projection records as {@code ~link.salesforce} (the Contact's, the first Salesforce link), or the
     * remembered state and the record disagree.
     */
    @Test
    void aNetSuiteContactCreatedFromAPersonsLeadIsKeyedByTheIdItsProjectionLinks() {
        xrefs.link("p-1", "salesforce", "Contact", "003A");
        xrefs.link("p-1", "salesforce", "Lead", "00QB");

        PlannedWrite write = planner.plan(ShippedConfig.mapping("netsuite", "contact"),
                record("p-1", "person", "SQL", ADA), "salesforce", "00QB").orElseThrow();

        assertThat(write.keyField()).isEqualTo("externalId");
        assertThat(write.key()).isEqualTo(write.projection().get("~link.salesforce"));
    }
}
