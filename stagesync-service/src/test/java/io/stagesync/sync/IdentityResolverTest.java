package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.connector.SystemRecord;
import io.stagesync.model.EntityType;
import io.stagesync.store.SyncWarning;
import io.stagesync.store.XrefEntry;
import io.stagesync.store.memory.InMemoryMatchKeyStore;
import io.stagesync.store.memory.InMemoryWarningStore;
import io.stagesync.store.memory.InMemoryXrefStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IdentityResolver} on the shipped mappings and the in-memory stores: the xref first, then the ids a record
 * holds for other systems, then match keys (email for people, website domain then company name for accounts), the
 * same-email rule of {@code ownership.yaml} ({@code salesforce Contact} before {@code salesforce Lead}, then the
 * smallest Salesforce id, then the smallest canonical id), refusals instead of guesses, and new records.
 */
class IdentityResolverTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String NEW = "a new canonical id";

    private final InMemoryXrefStore xrefs = new InMemoryXrefStore();
    private final InMemoryMatchKeyStore keys = new InMemoryMatchKeyStore();
    private final InMemoryWarningStore warnings = new InMemoryWarningStore();
    private final IdentityResolver resolver = new IdentityResolver(xrefs, keys, ShippedConfig.mappings(), warnings);

    /** The known records a row starts from. */
    private final class Given {
        /** A canonical record with these fields (match keys stored) linked as {@code "system object id"}, each. */
        Given record(String canonicalId, EntityType entity, Map<String, Object> fields, String... links) {
            resolver.updateKeys(entity, canonicalId, null, fields);
            for (String link : links) {
                String[] parts = link.split(" ");
                xrefs.link(canonicalId, parts[0], parts[1], parts[2]);
            }
            return this;
        }

        Given person(String canonicalId, String email, String... links) {
            return record(canonicalId, EntityType.PERSON, email == null ? Map.of() : Map.of("email", email), links);
        }

        Given account(String canonicalId, String website, String name, String... links) {
            Map<String, Object> fields = new HashMap<>();
            if (website != null) {
                fields.put("website", website);
            }
            if (name != null) {
                fields.put("name", name);
            }
            return record(canonicalId, EntityType.ACCOUNT, fields, links);
        }
    }

    /** A record arriving from {@code "system object id"} with canonical values and link fields. */
    private static Incoming incoming(String from, Map<String, Object> values, Map<String, String> links) {
        String[] parts = from.split(" ");
        return new Incoming(ShippedConfig.mapping(parts[0], parts[1]),
                new SystemRecord(parts[0], parts[1], parts[2], T0, Map.of()), values, Map.of(), links, null, null);
    }

    private static Map<String, Object> email(String email) {
        return Map.of("email", email);
    }

    private static Map<String, Object> account(String website, String name) {
        Map<String, Object> values = new HashMap<>();
        values.put("website", website);
        values.put("name", name);
        return values;
    }

    /** A row resolving to {@code expected} (a canonical id or {@link #NEW}), with a warning containing {@code warning}. */
    private static Arguments row(String says, Consumer<Given> given, Incoming in, String expected, String warning) {
        return Arguments.of(says, given, in, expected, warning);
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                // the xref
                row("a record already in the xref keeps its canonical id whatever its email matches",
                        g -> g.person("p-1", "old@example.com", "pardot prospect 101").person("p-2", "ada@example.com"),
                        incoming("pardot prospect 101", email("ada@example.com"), Map.of()), "p-1", null),
                // link fields
                row("a NetSuite customer holding a known Salesforce Account id joins that account",
                        g -> g.account("a-1", "acme.example", "Acme", "salesforce Account 001A"),
                        incoming("netsuite customer 77", account(null, "Entirely Different"),
                                Map.of("salesforce", "001A")), "a-1", null),
                row("a Salesforce Lead holding a known Pardot id joins that person",
                        g -> g.person("p-1", "ada@example.com", "pardot prospect 101"),
                        incoming("salesforce Lead 00QA", email("ada@other.example"), Map.of("pardot", "101")),
                        "p-1", null),
                row("a link wins over a domain matching another account",
                        g -> g.account("a-1", null, null, "salesforce Account 001A").account("a-2", "acme.example", null),
                        incoming("netsuite customer 77", account("acme.example", null), Map.of("salesforce", "001A")),
                        "a-1", null),
                row("a link to an id of another entity is not followed",
                        g -> g.account("a-1", null, null, "salesforce Account 001A"),
                        incoming("netsuite contact 5", Map.of(), Map.of("salesforce", "001A")), NEW, null),
                row("a link to an unknown id falls back to the email",
                        g -> g.person("p-1", "ada@example.com", "salesforce Contact 003A"),
                        incoming("netsuite contact 5", email("ada@example.com"), Map.of("salesforce", "003Z")),
                        "p-1", null),
                // people by email
                row("the one person with the email matches, case and spaces ignored",
                        g -> g.person("p-1", "ada@example.com", "salesforce Contact 003A"),
                        incoming("pardot prospect 101", email("  ADA@Example.COM "), Map.of()), "p-1", null),
                row("an email matching nobody makes a new person",
                        g -> g.person("p-1", "grace@example.com", "salesforce Contact 003A"),
                        incoming("pardot prospect 101", email("ada@example.com"), Map.of()), NEW, null),
                row("a person without an email is new even when others have none",
                        g -> g.person("p-1", null, "salesforce Contact 003A"),
                        incoming("eloqua contact 9", Map.of(), Map.of()), NEW, null),
                row("a prospect sharing its email with a person linked to another prospect is kept separate, with a warning",
                        g -> g.person("p-1", "ada@example.com", "pardot prospect 101"),
                        incoming("pardot prospect 102", email("ada@example.com"), Map.of()), NEW,
                        "pardot prospect 102 shares its email 'ada@example.com' with 1 person(s) already linked to other"
                                + " pardot prospect records (p-1); kept as a separate person"),
                row("a new Contact sharing its email with a Lead's person joins it (lead conversion)",
                        g -> g.person("p-1", "ada@example.com", "salesforce Lead 00QA"),
                        incoming("salesforce Contact 003A", email("ada@example.com"), Map.of()), "p-1", null),
                row("a new Lead sharing its email with a Contact and another Lead joins the Contact, the only free one",
                        g -> g.person("p-1-lead", "ada@example.com", "salesforce Lead 00QA")
                                .person("p-2-contact", "ada@example.com", "salesforce Contact 003A"),
                        incoming("salesforce Lead 00QC", email("ada@example.com"), Map.of()), "p-2-contact", null),
                // the same-email rule
                row("of two people sharing an email, the Salesforce Contact's is chosen before the Lead's",
                        g -> g.person("p-1-lead", "ada@example.com", "salesforce Lead 00QA")
                                .person("p-2-contact", "ada@example.com", "salesforce Contact 003B"),
                        incoming("pardot prospect 101", email("ada@example.com"), Map.of()), "p-2-contact",
                        "pardot prospect 101 (email 'ada@example.com') matches 2 known people (p-1-lead, p-2-contact);"
                                + " linked to p-2-contact by the rule: salesforce Contact before salesforce Lead,"
                                + " then the oldest (smallest) salesforce id, then the smallest canonical id"),
                row("of two Leads sharing an email, the one with the smallest Salesforce id is chosen",
                        g -> g.person("p-1", "ada@example.com", "salesforce Lead 00QB")
                                .person("p-2", "ada@example.com", "salesforce Lead 00QA"),
                        incoming("eloqua contact 9", email("ada@example.com"), Map.of()), "p-2",
                        "linked to p-2 by the rule"),
                row("of two people linked to neither Salesforce object, the smallest canonical id is chosen",
                        g -> g.person("p-2", "ada@example.com", "eloqua contact 1")
                                .person("p-1", "ada@example.com", "eloqua contact 2"),
                        incoming("pardot prospect 101", email("ada@example.com"), Map.of()), "p-1",
                        "matches 2 known people (p-1, p-2); linked to p-1"),
                row("a Lead before a person in no listed object at all",
                        g -> g.person("p-1", "ada@example.com", "eloqua contact 1")
                                .person("p-2", "ada@example.com", "salesforce Lead 00QA"),
                        incoming("pardot prospect 101", email("ada@example.com"), Map.of()), "p-2",
                        "linked to p-2 by the rule"),
                // accounts by domain, then name
                row("an account matches by website domain, scheme, www. and path ignored",
                        g -> g.account("a-1", "https://www.acme.example/about", null, "salesforce Account 001A"),
                        incoming("netsuite customer 77", account("acme.example", null), Map.of()), "a-1", null),
                row("an account without a website matches by company name, case and punctuation ignored",
                        g -> g.account("a-1", null, "Acme, Inc.", "salesforce Account 001A"),
                        incoming("netsuite customer 77", account(null, "  ACME   Inc"), Map.of()), "a-1", null),
                row("the domain is tried before the name",
                        g -> g.account("a-1", "acme.example", "Acme", "salesforce Account 001A")
                                .account("a-2", null, "Acme Holdings", "salesforce Account 001B"),
                        incoming("netsuite customer 77", account("http://acme.example", "Acme Holdings"), Map.of()),
                        "a-1", null),
                row("the name is used when the domain matches nobody",
                        g -> g.account("a-1", "acme.example", "Acme", "salesforce Account 001A"),
                        incoming("netsuite customer 77", account("acme.com", "ACME"), Map.of()), "a-1", null),
                row("an account with neither website nor name is new",
                        g -> g.account("a-1", "acme.example", "Acme", "salesforce Account 001A"),
                        incoming("netsuite customer 77", account(null, null), Map.of()), NEW, null),
                row("a deal has no match keys: it is new even beside a deal of the same name",
                        g -> g.record("d-1", EntityType.DEAL, Map.of("name", "Acme - 100 seats"),
                                "salesforce Opportunity 006A"),
                        incoming("netsuite opportunity 31", Map.of("name", "Acme - 100 seats"), Map.of()), NEW, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void resolvesByXrefLinksAndMatchKeys(String says, Consumer<Given> given, Incoming in, String expected,
                                         String warning) {
        given.accept(new Given());
        List<String> before = xrefs.findByExternal(in.system(), in.object(), in.record().id())
                .map(XrefEntry::canonicalId).stream().toList();

        String id = resolver.resolve(in);

        if (expected.equals(NEW)) {
            assertThat(id).as("a new canonical id").matches("[0-9a-f-]{36}");
            assertThat(keys.find("person", "email", "ada@example.com")).doesNotContain(id);
        } else {
            assertThat(id).isEqualTo(expected);
        }
        assertThat(xrefs.findByExternal(in.system(), in.object(), in.record().id())).as("linked in the xref")
                .map(XrefEntry::canonicalId).contains(id);
        if (before.isEmpty() && warning != null) {
            assertThat(warnings.all()).singleElement().satisfies(w -> {
                assertThat(w.message()).contains(warning);
                assertThat(w).returns(id, SyncWarning::canonicalId).returns(in.system(), SyncWarning::system)
                        .returns(in.object(), SyncWarning::objectType).returns(in.record().id(), SyncWarning::externalId);
            });
        } else {
            assertThat(warnings.all()).as("no warning").isEmpty();
        }
        assertThat(resolver.resolve(in)).as("resolving again").isEqualTo(id);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("two accounts sharing the domain are not guessed between",
                        (Consumer<Given>) g -> g.account("a-1", "https://acme.example", null, "salesforce Account 001A")
                                .account("a-2", "www.acme.example", null, "salesforce Account 001B"),
                        incoming("netsuite customer 77", account("acme.example", null), Map.of()),
                        "netsuite customer 77 matches 2 known account records by domain 'acme.example' (a-1, a-2):"
                                + " not guessing. Link it explicitly by filling its id field for the other system"
                                + " (externalId)."),
                Arguments.of("two accounts sharing the name (no website) are not guessed between",
                        (Consumer<Given>) g -> g.account("a-1", null, "Acme Inc.", "salesforce Account 001A")
                                .account("a-2", null, "ACME inc", "salesforce Account 001B"),
                        incoming("netsuite customer 77", account(null, "acme inc"), Map.of()),
                        "netsuite customer 77 matches 2 known account records by name 'acme inc' (a-1, a-2)"),
                Arguments.of("a third Salesforce account with the name of two linked ones is a probable duplicate",
                        (Consumer<Given>) g -> g.account("a-1", null, "Acme Inc.", "salesforce Account 001A")
                                .account("a-2", null, "ACME inc", "salesforce Account 001B"),
                        incoming("salesforce Account 001C", account(null, "acme inc"), Map.of()),
                        "by name 'acme inc' (a-1, a-2) already linked to other salesforce Account records"),
                Arguments.of("the only account with the domain already linked to another customer is a probable duplicate",
                        (Consumer<Given>) g -> g.account("a-1", "acme.example", null, "netsuite customer 77"),
                        incoming("netsuite customer 78", account("acme.example", null), Map.of()),
                        "netsuite customer 78 matches known account record(s) by domain 'acme.example' (a-1) already"
                                + " linked to other netsuite customer records: a duplicate in netsuite? Not guessing."),
                Arguments.of("an ambiguous domain is refused even when the name would match one",
                        (Consumer<Given>) g -> g.account("a-1", "acme.example", "Acme", "salesforce Account 001A")
                                .account("a-2", "acme.example", "Acme Holdings", "salesforce Account 001B"),
                        incoming("netsuite customer 77", account("acme.example", "Acme Holdings"), Map.of()),
                        "by domain 'acme.example' (a-1, a-2)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAnAmbiguousMatchInsteadOfGuessing(String says, Consumer<Given> given, Incoming in, String message) {
        given.accept(new Given());

        assertThatThrownBy(() -> resolver.resolve(in)).isInstanceOf(AmbiguousMatchException.class)
                .hasMessageContaining(message);
        assertThat(xrefs.findByExternal(in.system(), in.object(), in.record().id())).as("nothing linked").isEmpty();
        assertThat(warnings.all()).isEmpty();
    }

    static Stream<Arguments> keysOfRecords() {
        return Stream.of(
                Arguments.of("a person's email, trimmed and lower-cased", EntityType.PERSON,
                        Map.of("email", " Ada@Example.COM ", "name", "Ada"), Map.of("email", "ada@example.com")),
                Arguments.of("a person without an email has no key", EntityType.PERSON,
                        Map.of("firstName", "Ada", "website", "example.com"), Map.of()),
                Arguments.of("a person with a blank email has no key", EntityType.PERSON,
                        Map.of("email", "   "), Map.of()),
                Arguments.of("an account's domain without scheme, www. and path, then its name", EntityType.ACCOUNT,
                        Map.of("website", "https://WWW.Acme.example/en/about?x=1", "name", "Acme, Inc."),
                        Map.of("domain", "acme.example", "name", "acme inc")),
                Arguments.of("an account website without a scheme", EntityType.ACCOUNT,
                        Map.of("website", "acme.example"), Map.of("domain", "acme.example")),
                Arguments.of("an account website that is no URL gives no domain", EntityType.ACCOUNT,
                        Map.of("website", "n/a  (none)", "name", "Acme"), Map.of("name", "acme")),
                Arguments.of("an account name of punctuation only gives no name key", EntityType.ACCOUNT,
                        Map.of("name", "---"), Map.of()),
                Arguments.of("letters of any script are kept in a name", EntityType.ACCOUNT,
                        Map.of("name", "Müller & Söhne GmbH"), Map.of("name", "müller söhne gmbh")),
                Arguments.of("a deal has no keys", EntityType.DEAL,
                        Map.of("name", "Acme - 100 seats", "email", "ada@example.com"), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keysOfRecords")
    void matchKeysAreNormalised(String says, EntityType entity, Map<String, Object> fields, Map<String, String> keys) {
        assertThat(IdentityResolver.keysOf(entity, fields)).isEqualTo(keys);
    }

    @Test
    void updatingKeysReplacesTheOldValueOfEachKind() {
        Map<String, Object> first = Map.of("website", "acme.example", "name", "Acme");
        resolver.updateKeys(EntityType.ACCOUNT, "a-1", null, first);
        resolver.updateKeys(EntityType.ACCOUNT, "a-1", first, Map.of("website", "acme.com"));

        assertThat(keys.find("account", "domain", "acme.example")).isEmpty();
        assertThat(keys.find("account", "name", "acme")).as("a name no longer held is no key").isEmpty();
        assertThat(keys.find("account", "domain", "acme.com")).containsExactly("a-1");
    }

    @Test
    void aChangeThatLeavesTheKeysAloneDoesNotTouchThemAndANewRecordAlwaysGetsThem() {
        Map<String, Object> first = Map.of("website", "https://acme.example/", "name", "Acme");
        resolver.updateKeys(EntityType.ACCOUNT, "a-1", null, first);
        keys.clear("account", "domain", "a-1");

        resolver.updateKeys(EntityType.ACCOUNT, "a-1", first, Map.of("website", "http://acme.example", "name",
                "ACME", "phone", "+1 555 0100"));
        assertThat(keys.find("account", "domain", "acme.example")).as("same keys: not read, not written").isEmpty();
        resolver.updateKeys(EntityType.ACCOUNT, "a-1", null, first);
        assertThat(keys.find("account", "domain", "acme.example")).containsExactly("a-1");
    }

    @Test
    void aRecordFirstSeenInTwoSystemsThatNameEachOtherIsOneRecord() {
        String fromSalesforce = resolver.resolve(incoming("salesforce Account 001A", account("acme.example", "Acme"),
                Map.of()));
        resolver.updateKeys(EntityType.ACCOUNT, fromSalesforce, null, account("acme.example", "Acme"));

        String fromNetSuite = resolver.resolve(incoming("netsuite customer 77", account(null, "Acme Corp"),
                Map.of("salesforce", "001A")));

        assertThat(fromNetSuite).isEqualTo(fromSalesforce);
        assertThat(xrefs.findByCanonical(fromSalesforce)).extracting(XrefEntry::system, XrefEntry::externalId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("netsuite", "77"),
                        org.assertj.core.groups.Tuple.tuple("salesforce", "001A"));
    }
}
