package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.eloqua.EloquaConnector;
import io.stagesync.connector.netsuite.NetSuiteConnector;
import io.stagesync.connector.pardot.PardotConnector;
import io.stagesync.connector.salesforce.SalesforceConnector;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ChangeApplier} wired as {@link SyncEngine} wires it, on the shipped config and the in-memory stores:
 * translate, resolve, drop what is not news, merge, gate, save, plan. No database and no connector calls (the
 * planner only needs the systems' write dialects).
 */
class ChangeApplierTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final CanonicalValues values = ShippedConfig.values();
    private final ChangeApplier applier = new ChangeApplier(store, ShippedConfig.mappings(),
            new RecordTranslator(ShippedConfig.model(), values),
            new IdentityResolver(store.xrefs(), store.matchKeys(), ShippedConfig.mappings(), store.warnings()),
            new FieldMerger(ShippedConfig.mappings(), values),
            new StageDecider(ShippedConfig.model(), store.stageHistory(), store.xrefs(),
                    ShippedConfig.mappings().salesOrders(), Clock.fixed(T0, ZoneOffset.UTC)),
            new WritePlanner(ShippedConfig.model(), ShippedConfig.mappings(), values, store.xrefs(), Connectors.builder()
                    .add("salesforce", null, null, SalesforceConnector.DIALECT)
                    .add("netsuite", null, null, NetSuiteConnector.DIALECT)
                    .add("pardot", null, null, PardotConnector.DIALECT)
                    .add("eloqua", null, null, EloquaConnector.DIALECT)
                    .build()),
            values, new KeyedLocks(), new RecentWrites(), new HandledVersions());

    private final List<PlannedWrite> writes = new ArrayList<>();
    private final List<String> wonDeals = new ArrayList<>();
    private final List<ChangeApplier.Seen> seen = new ArrayList<>();

    private ChangeApplier.Resolved read(String system, String object, String id, long seconds, Map<String, Object> fields) {
        return applier.resolve(ShippedConfig.mapping(system, object),
                new SystemRecord(system, object, id, T0.plusSeconds(seconds), fields));
    }

    /** Applies as a poll does, remembering what was read once its writes would have been sent. */
    private ChangeApplier.Outcome poll(ChangeApplier.Resolved record) {
        writes.clear();
        ChangeApplier.Outcome outcome = applier.apply(record, 0, writes, wonDeals, seen);
        applier.rememberSeen(seen);
        return outcome;
    }

    private CanonicalRecord saved(String canonicalId) {
        return store.records().find(canonicalId).orElseThrow();
    }

    private PlannedWrite write(String target) {
        return writes.stream().filter(w -> w.target().label().equals(target)).findFirst().orElseThrow();
    }

    private List<String> targets() {
        return writes.stream().map(w -> w.target().label() + " " + w.keyField() + "=" + w.key()).toList();
    }

    @Test
    void aNewProspectWithAnEmptyStageFieldStartsAtLeadQualifiesAsMqlAndIsCreatedAsASalesforceLead() {
        ChangeApplier.Resolved prospect = read("pardot", "prospect", "101", 0, Map.of("email", "ada@example.com",
                "firstName", "Ada", "company", "Example Ltd", "score", 82, "optedOut", false));

        assertThat(poll(prospect)).isEqualTo(ChangeApplier.Outcome.APPLIED);

        CanonicalRecord person = saved(prospect.canonicalId());
        assertThat(person.stage()).isEqualTo("MQL");
        assertThat(person.fields()).containsEntry("email", "ada@example.com").containsEntry("score", 82L);
        assertThat(store.stageHistory().forRecord(prospect.canonicalId()))
                .extracting(e -> e.fromStage() + ">" + e.toStage() + " by " + e.sourceSystem())
                .containsExactly("null>LEAD by pardot", "LEAD>MQL by stagesync");
        assertThat(targets()).containsExactlyInAnyOrder("salesforce Lead Pardot_Id__c=101", "pardot prospect id=101");
        assertThat(write("salesforce Lead").fields()).containsEntry("Status", "Marketing Qualified")
                .containsEntry("Email", "ada@example.com").containsEntry("Lead_Score__c", 82L);
        assertThat(write("pardot prospect").fields()).as("the stage is written back into the empty field")
                .isEqualTo(Map.of("Lifecycle_Stage__c", "MQL"));
        assertThat(store.matchKeys().find("person", "email", "ada@example.com")).containsExactly(prospect.canonicalId());
    }

    @Test
    void aNewAccountIsCreatedInNetSuiteAndNothingIsWrittenBackToItsSource() {
        ChangeApplier.Resolved account = read("salesforce", "Account", "001A", 0, Map.of("Name", "Acme",
                "Website", "https://acme.example", "Lifecycle_Stage__c", "Opportunity"));

        assertThat(poll(account)).isEqualTo(ChangeApplier.Outcome.APPLIED);

        assertThat(saved(account.canonicalId()).stage()).isEqualTo("OPPORTUNITY");
        assertThat(targets()).containsExactly("netsuite customer externalId=001A");
        assertThat(writes.get(0).fields()).isEqualTo(Map.of("companyName", "Acme", "url", "https://acme.example",
                "entityStatus", Map.of("id", "9")));
    }

    @Test
    void theSameVersionReadAgainIsNoNewsAndPlansNothing() {
        Map<String, Object> fields = Map.of("Name", "Acme", "Lifecycle_Stage__c", "Opportunity");
        poll(read("salesforce", "Account", "001A", 0, fields));
        CanonicalRecord before = saved(store.xrefs().findByExternal("salesforce", "Account", "001A")
                .orElseThrow().canonicalId());

        assertThat(poll(read("salesforce", "Account", "001A", 0, fields))).isEqualTo(ChangeApplier.Outcome.ECHO);
        assertThat(poll(read("salesforce", "Account", "001A", 30, fields))).as("a newer modstamp, same content")
                .isEqualTo(ChangeApplier.Outcome.ECHO);

        assertThat(writes).isEmpty();
        assertThat(saved(before.id()).version()).isEqualTo(before.version());
    }

    static Stream<Arguments> stageChanges() {
        return Stream.of(
                Arguments.of("a Lead moved to SQL without BANT is held: nothing saved, nothing planned",
                        Map.of("Status", "Sales Qualified"), ChangeApplier.Outcome.HELD, "MQL",
                        StageHistoryEntry.Outcome.REFUSED_VIOLATED),
                Arguments.of("a Lead accepted by Inside Sales moves to SAL",
                        Map.of("Status", "Working - Contacted", "OwnerId", "005A"), ChangeApplier.Outcome.APPLIED, "SAL",
                        StageHistoryEntry.Outcome.ACCEPTED),
                Arguments.of("an MQL disqualified without a reason passes SAL, is flagged and applied",
                        Map.of("Status", "Closed - Not Converted"), ChangeApplier.Outcome.APPLIED,
                        "DISQUALIFIED", StageHistoryEntry.Outcome.REFUSED_VIOLATED),
                Arguments.of("a Lead set back to Open is not allowed and held",
                        Map.of("Status", "Open - Not Contacted"), ChangeApplier.Outcome.HELD, "MQL",
                        StageHistoryEntry.Outcome.REFUSED_NOT_ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stageChanges")
    void aStageChangeGoesThroughTheGate(String says, Map<String, Object> change, ChangeApplier.Outcome outcome,
                                        String stage, StageHistoryEntry.Outcome decision) {
        Map<String, Object> lead = new java.util.HashMap<>(Map.of("Email", "ada@example.com", "Company", "Example Ltd",
                "Lead_Score__c", 82, "Status", "Marketing Qualified", "OwnerId", "005A"));
        ChangeApplier.Resolved first = read("salesforce", "Lead", "00QA", 0, lead);
        poll(first);
        long version = saved(first.canonicalId()).version();
        lead.putAll(change);

        assertThat(poll(read("salesforce", "Lead", "00QA", 60, lead))).isEqualTo(outcome);

        assertThat(saved(first.canonicalId()).stage()).isEqualTo(stage);
        assertThat(saved(first.canonicalId()).version()).isEqualTo(outcome == ChangeApplier.Outcome.HELD
                ? version : version + 1);
        assertThat(store.stageHistory().forRecord(first.canonicalId())).last()
                .returns(decision, StageHistoryEntry::outcome);
    }

    @Test
    void aDealClosedWonIsReportedForTheEndOfThePage() {
        Map<String, Object> deal = new java.util.HashMap<>(Map.of("Name", "Acme - 100 seats", "Amount", 24000.0,
                "CloseDate", "2026-12-15", "StageName", "Prospecting"));
        ChangeApplier.Resolved open = read("salesforce", "Opportunity", "006A", 0, deal);
        poll(open);
        assertThat(wonDeals).isEmpty();
        deal.put("StageName", "Closed Won");

        assertThat(poll(read("salesforce", "Opportunity", "006A", 60, deal))).isEqualTo(ChangeApplier.Outcome.APPLIED);

        assertThat(wonDeals).containsExactly(open.canonicalId());
        assertThat(saved(open.canonicalId()).stage()).isEqualTo("WON");
    }

    @Test
    void aReplayedChangeOlderThanOneAppliedSinceIsSuperseded() {
        ChangeApplier.Resolved older = read("salesforce", "Account", "001A", 0, Map.of("Name", "Acme"));
        ChangeApplier.Resolved newer = read("salesforce", "Account", "001A", 60, Map.of("Name", "Acme Inc"));
        poll(newer);

        assertThat(applier.apply(older, writes, wonDeals, true)).isEqualTo(ChangeApplier.Outcome.SUPERSEDED);
        assertThat(saved(newer.canonicalId()).fields()).containsEntry("name", "Acme Inc");
    }

    /**
     * The WritePlanner key mismatch reached through the real path: a Contact at SQL whose NetSuite contact is not
     * created yet (NetSuite down, its write held in the outbox, or its first read pending), then a Lead sharing the
     * Contact's email (also at SQL), which identity resolution links to the same person.
     */
    @Test
    void aLeadSharingAContactsEmailDoesNotKeyTheContactsNetSuiteRecordByTheLeadId() {
        poll(read("salesforce", "Contact", "003A", 0, Map.of("Email", "ada@example.com", "LastName", "Lovelace",
                "Lifecycle_Stage__c", "SQL")));
        assertThat(targets()).contains("netsuite contact externalId=003A");

        poll(read("salesforce", "Lead", "00QB", 60, Map.of("Email", "ada@example.com", "LastName", "Lovelace",
                "Company", "Example Ltd", "Status", "Sales Qualified")));

        assertThat(write("netsuite contact").key()).isEqualTo("003A");
    }
}
