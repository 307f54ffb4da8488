package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.model.Bookkeeping;
import io.stagesync.model.EntityType;
import io.stagesync.model.SystemObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FieldMerger} on the shipped ownership rules ({@code config/mappings/ownership.yaml}): an account's name and
 * a person's email, phone and owner belong to Salesforce, a deal's name, amount and close date too; an account's
 * website is {@code only-if-blank}; everything else is {@code newest}. One row per rule and edge, no database.
 */
class FieldMergerTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final EntityType PERSON = EntityType.PERSON;
    private static final EntityType ACCOUNT = EntityType.ACCOUNT;
    private static final EntityType DEAL = EntityType.DEAL;
    private static final String BOTH = "salesforce,netsuite";
    private static final String NO_OWNER = "netsuite";
    private static final String MARKETING = "salesforce,pardot";

    private final FieldMerger merger = new FieldMerger(ShippedConfig.mappings(), ShippedConfig.values());

    /**
     * @param held     the record's value before (null = none), last changed at T0 when {@code heldAt} is true
     * @param seconds  the incoming modstamp, in seconds after T0 (negative = older than the held value)
     * @param linked   the systems the record is linked in, comma-separated
     * @param expected the field's value afterwards (null = absent)
     */
    private static Arguments row(String says, EntityType entity, String field, Object held, boolean heldAt,
                                 Object incoming, String source, long seconds, String linked, Object expected,
                                 boolean changed) {
        return Arguments.of(says, entity, field, held, heldAt, incoming, source, seconds, linked, expected, changed);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // owner: account name belongs to salesforce
                row("the owner's account name replaces the held one even with an older modstamp",
                        ACCOUNT, "name", "Acme", true, "Acme Inc", "salesforce", -60, BOTH, "Acme Inc", true),
                row("another system's account name is refused once the owner has a record",
                        ACCOUNT, "name", "Acme", true, "Acme Inc", "netsuite", 60, BOTH, "Acme", false),
                row("another system's newer account name stands in while the owner has no record",
                        ACCOUNT, "name", "Acme", true, "Acme Inc", "netsuite", 60, NO_OWNER, "Acme Inc", true),
                row("another system's account name of the same modstamp stands in while the owner has no record",
                        ACCOUNT, "name", "Acme", true, "Acme Inc", "netsuite", 0, NO_OWNER, "Acme Inc", true),
                row("another system's older account name is refused even while the owner has no record",
                        ACCOUNT, "name", "Acme", true, "Acme Inc", "netsuite", -60, NO_OWNER, "Acme", false),
                row("another system's account name fills an empty field while the owner has no record, however old",
                        ACCOUNT, "name", null, false, "Acme Inc", "netsuite", -3600, NO_OWNER, "Acme Inc", true),
                row("another system's account name fills a blank field while the owner has no record, however old",
                        ACCOUNT, "name", "  ", true, "Acme Inc", "netsuite", -3600, NO_OWNER, "Acme Inc", true),
                row("another system cannot fill an empty owned field once the owner has a record",
                        ACCOUNT, "name", null, false, "Acme Inc", "netsuite", 60, BOTH, null, false),
                row("the owner emptying its field removes the value",
                        ACCOUNT, "name", "Acme", true, null, "salesforce", 60, BOTH, null, true),
                row("another system emptying an owned field changes nothing while the owner has a record",
                        ACCOUNT, "name", "Acme", true, null, "netsuite", 60, BOTH, "Acme", false),
                row("another system's newer empty value empties an owned field while the owner has no record",
                        ACCOUNT, "name", "Acme", true, null, "netsuite", 60, NO_OWNER, null, true),
                row("a marketing system's new email is refused for a person Salesforce holds",
                        PERSON, "email", "ada@example.com", true, "ada@other.example", "pardot", 60, MARKETING,
                        "ada@example.com", false),
                row("Salesforce's new email replaces the held one",
                        PERSON, "email", "ada@example.com", true, "ada@other.example", "salesforce", 60, MARKETING,
                        "ada@other.example", true),
                row("a marketing system's email stands in for a person Salesforce does not hold",
                        PERSON, "email", null, false, "ada@example.com", "pardot", 0, "pardot", "ada@example.com", true),
                row("a marketing system's phone is refused for a person Salesforce holds",
                        PERSON, "phone", "+1 555 0100", true, "+1 555 0199", "eloqua", 60, "salesforce,eloqua",
                        "+1 555 0100", false),
                row("a marketing system's owner is refused for a person Salesforce holds",
                        PERSON, "owner", "005A", true, "005B", "pardot", 60, MARKETING, "005A", false),
                row("NetSuite's deal amount is refused for a deal Salesforce holds",
                        DEAL, "amount", 24000.0, true, 30000.0, "netsuite", 60, BOTH, 24000.0, false),
                row("Salesforce's deal amount replaces NetSuite's",
                        DEAL, "amount", 24000.0, true, 30000.0, "salesforce", 60, BOTH, 30000.0, true),
                row("NetSuite's close date is refused for a deal Salesforce holds",
                        DEAL, "closeDate", "2026-12-15T00:00:00Z", true, Instant.parse("2027-01-31T00:00:00Z"),
                        "netsuite", 60, BOTH, "2026-12-15T00:00:00Z", false),
                // only-if-blank: account website
                row("an empty website is filled",
                        ACCOUNT, "website", null, false, "https://acme.example", "netsuite", 60, BOTH,
                        "https://acme.example", true),
                row("a blank website is filled",
                        ACCOUNT, "website", " ", true, "https://acme.example", "netsuite", -60, BOTH,
                        "https://acme.example", true),
                row("a held website is not replaced by a newer value from another system",
                        ACCOUNT, "website", "https://acme.example", true, "https://acme.example/en", "netsuite", 60,
                        BOTH, "https://acme.example", false),
                row("a held website is not replaced by a newer value from Salesforce either (no owner)",
                        ACCOUNT, "website", "https://acme.example", true, "https://acme.example/en", "salesforce", 60,
                        BOTH, "https://acme.example", false),
                row("an empty incoming website never clears a held one",
                        ACCOUNT, "website", "https://acme.example", true, null, "salesforce", 60, BOTH,
                        "https://acme.example", false),
                // newest: person score (declared), everything unlisted by default
                row("a newer score wins",
                        PERSON, "score", 40L, true, 60L, "pardot", 60, MARKETING, 60L, true),
                row("a score of the same modstamp wins (not older)",
                        PERSON, "score", 40L, true, 60L, "eloqua", 0, MARKETING, 60L, true),
                row("an older score is refused",
                        PERSON, "score", 40L, true, 60L, "pardot", -1, MARKETING, 40L, false),
                row("a score held without a recorded time is replaced, however old the incoming one",
                        PERSON, "score", 40L, false, 60L, "pardot", -3600, MARKETING, 60L, true),
                row("a newer empty value of a newest field removes it",
                        PERSON, "firstName", "Ada", true, null, "pardot", 60, MARKETING, null, true),
                row("an older empty value of a newest field is refused",
                        PERSON, "firstName", "Ada", true, null, "pardot", -60, MARKETING, "Ada", false),
                row("an unlisted field follows the default rule newest",
                        PERSON, "company", "Example Ltd", true, "Example Analytics Ltd", "salesforce", 60, MARKETING,
                        "Example Analytics Ltd", true),
                row("an unlisted account field from NetSuite wins when newer, Salesforce linked or not",
                        ACCOUNT, "phone", "+1 555 0100", true, "+1 555 0199", "netsuite", 60, BOTH, "+1 555 0199",
                        true),
                // the same value in another form is no change
                row("a score read as text equal to the held number is no change",
                        PERSON, "score", 60L, true, "60", "pardot", 60, MARKETING, 60L, false),
                row("an amount of 24000 equal to the held 24000.0 is no change",
                        DEAL, "amount", 24000.0, true, 24000L, "salesforce", 60, BOTH, 24000.0, false),
                row("a close date as an Instant equal to the held ISO date text is no change",
                        DEAL, "closeDate", "2026-12-15", true, Instant.parse("2026-12-15T00:00:00Z"), "salesforce", 60,
                        BOTH, "2026-12-15", false),
                row("no value where none is held is no change",
                        PERSON, "firstName", null, false, null, "pardot", 60, MARKETING, null, false),
                row("a close date taken as an Instant is kept as its ISO text",
                        DEAL, "closeDate", null, false, Instant.parse("2026-12-15T00:00:00Z"), "salesforce", 60, BOTH,
                        "2026-12-15T00:00:00Z", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void mergesByTheShippedOwnershipRules(String says, EntityType entity, String field, Object held, boolean heldAt,
                                          Object incoming, String source, long seconds, String linked,
                                          Object expected, boolean changed) {
        Map<String, Object> current = new HashMap<>();
        current.put("untouched", "stays");
        SystemObject lead = new SystemObject("salesforce", "Lead");
        Bookkeeping bookkeeping = Bookkeeping.NONE.withSeenStage(lead, "Nurturing");
        if (held != null) {
            current.put(field, held);
        }
        if (heldAt) {
            bookkeeping = bookkeeping.withFieldChangedAt(field, T0);
        }
        Map<String, Object> in = new HashMap<>();
        in.put(field, incoming);
        Instant modstamp = T0.plusSeconds(seconds);

        FieldMerger.Merge merge = merger.merge(entity, current, bookkeeping, in, source, modstamp,
                Set.of(linked.split(",")));

        assertThat(merge.fields().get(field)).as("value of %s", field).isEqualTo(expected);
        assertThat(merge.fields().containsKey(field)).as("%s present", field).isEqualTo(expected != null);
        assertThat(merge.changed()).as("changed fields").isEqualTo(changed ? Set.of(field) : Set.of());
        assertThat(merge.bookkeeping().fieldChangedAt(field)).as("time the value came from")
                .isEqualTo(Optional.ofNullable(changed ? modstamp : heldAt ? T0 : null));
        assertThat(merge.fields()).as("other fields are kept").containsEntry("untouched", "stays");
        assertThat(merge.bookkeeping().seenStage(lead)).as("other bookkeeping is kept").contains("Nurturing");
    }

    @Test
    void onlyTheFieldsThatChangedAreReportedAndTheInputIsNotModified() {
        Map<String, Object> current = new LinkedHashMap<>(Map.of("name", "Acme", "phone", "+1 555 0100",
                "website", "https://acme.example"));
        Map<String, Object> snapshot = Map.copyOf(current);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("name", "Acme");
        in.put("phone", "+1 555 0199");
        in.put("website", "https://other.example");

        FieldMerger.Merge merge = merger.merge(ACCOUNT, current, Bookkeeping.NONE, in, "salesforce", T0,
                Set.of("salesforce"));

        assertThat(merge.changed()).containsExactly("phone");
        assertThat(merge.fields()).containsEntry("name", "Acme").containsEntry("phone", "+1 555 0199")
                .containsEntry("website", "https://acme.example");
        assertThat(merge.bookkeeping().fieldTimes()).isEqualTo(Map.of("phone", T0));
        assertThat(current).isEqualTo(snapshot);
    }

    @Test
    void anOwnedFieldEndsWithTheOwnersValueWhicheverSystemIsPolledFirst() {
        FieldMerger.Merge nsFirst = merger.merge(ACCOUNT, Map.of(), Bookkeeping.NONE, Map.of("name", "ACME CORP"),
                "netsuite", T0.plusSeconds(60), Set.of(BOTH.split(",")));
        Map<String, Object> netsuiteFirst = merger.merge(ACCOUNT, nsFirst.fields(), nsFirst.bookkeeping(),
                Map.of("name", "Acme"), "salesforce", T0, Set.of(BOTH.split(","))).fields();
        FieldMerger.Merge sfFirst = merger.merge(ACCOUNT, Map.of(), Bookkeeping.NONE, Map.of("name", "Acme"),
                "salesforce", T0, Set.of(BOTH.split(",")));
        Map<String, Object> salesforceFirst = merger.merge(ACCOUNT, sfFirst.fields(), sfFirst.bookkeeping(),
                Map.of("name", "ACME CORP"), "netsuite", T0.plusSeconds(60), Set.of(BOTH.split(","))).fields();

        assertThat(netsuiteFirst.get("name")).isEqualTo("Acme");
        assertThat(salesforceFirst.get("name")).isEqualTo("Acme");
    }
}
