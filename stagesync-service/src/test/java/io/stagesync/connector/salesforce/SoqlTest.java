package io.stagesync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Escaping, literals and allow-lists of {@link Soql}: record data is untrusted input. */
class SoqlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "O'Brien                          | 'O\\'Brien'",
        "back\\slash                      | 'back\\\\slash'",
        "\\'                              | '\\\\\\''",
        "x' OR Id != null OR Name = 'y    | 'x\\' OR Id != null OR Name = \\'y'",
        "plain                            | 'plain'",
        "say \"hi\"                       | 'say \\\"hi\\\"'"})
    void stringLiteralsBackslashEscapeQuotesAndBackslashes(String value, String literal) {
        assertThat(Soql.stringLiteral(value)).isEqualTo(literal);
    }

    @Test
    void controlCharactersUseSoqlEscapes() {
        assertThat(Soql.stringLiteral("a\nb\rc\td\be\ff")).isEqualTo("'a\\nb\\rc\\td\\be\\ff'");
    }

    @Test
    void datetimeLiteralsAreUnquotedUtcWithMilliseconds() {
        assertThat(Soql.datetimeLiteral(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(Soql.datetimeLiteral(Instant.parse("2026-01-02T03:04:05.123456Z")))
                .isEqualTo("2026-01-02T03:04:05.123Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00QXX0000000001", "00QXX0000000001AAA", "a0B5g00000ZzYyXEAV"})
    void idsAre15Or18Alphanumerics(String id) {
        assertThat(Soql.isId(id)).isTrue();
        assertThat(Soql.requireId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00QXX000000001", "00QXX0000000001AA", "00QXX0000000001AAAA", "00QXX'000000001",
        "00QXX 0000000001AA"})
    void anythingElseIsNotAnId(String value) {
        assertThat(Soql.isId(value)).isFalse();
        assertThatThrownBy(() -> Soql.requireId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lead", "Score__c", "Account.Name", "ns__Thing__c", "Owner.Manager.Email"})
    void apiNamesPass(String name) {
        assertThat(Soql.requireName(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Lead WHERE", "1Field", "Name,Id", "Name)", "_x", "Account..Name", "Field__c'"})
    void anythingElseIsRefusedAsAName(String name) {
        assertThatThrownBy(() -> Soql.requireName(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theChangesQuerySelectsIdAndSystemModstampFirstAndOnce() {
        assertThat(Soql.changesQuery("Account", List.of("Name", "Id", "SystemModstamp", "Type"), null, null))
                .isEqualTo("SELECT Id, SystemModstamp, Name, Type FROM Account ORDER BY SystemModstamp, Id");
    }

    @Test
    void theChangesQueryAfterAPositionIsStrictlyGreaterInModstampThenId() {
        assertThat(Soql.changesQuery("Lead", List.of("Email"), Instant.parse("2026-01-02T03:04:05Z"),
                "00QXX0000000001AAA"))
                .isEqualTo("SELECT Id, SystemModstamp, Email FROM Lead WHERE SystemModstamp > 2026-01-02T03:04:05.000Z"
                        + " OR (SystemModstamp = 2026-01-02T03:04:05.000Z AND Id > '00QXX0000000001AAA')"
                        + " ORDER BY SystemModstamp, Id");
    }

    @Test
    void aFilterComesBeforeThePositionWhichIsBracketedSoItsOrCannotWidenTheFilter() {
        java.util.Map<String, Object> filter = new java.util.LinkedHashMap<>();
        filter.put("IsConverted", false);
        filter.put("LeadSource", "Web's form");
        assertThat(Soql.changesQuery("Lead", List.of("Email"), filter, null, null))
                .isEqualTo("SELECT Id, SystemModstamp, Email FROM Lead WHERE IsConverted = false"
                        + " AND LeadSource = 'Web\\'s form' ORDER BY SystemModstamp, Id");
        assertThat(Soql.changesQuery("Lead", List.of("Email"), java.util.Map.of("IsConverted", false),
                Instant.parse("2026-01-02T03:04:05Z"), "00QXX0000000001AAA"))
                .isEqualTo("SELECT Id, SystemModstamp, Email FROM Lead WHERE IsConverted = false"
                        + " AND (SystemModstamp > 2026-01-02T03:04:05.000Z"
                        + " OR (SystemModstamp = 2026-01-02T03:04:05.000Z AND Id > '00QXX0000000001AAA'))"
                        + " ORDER BY SystemModstamp, Id");
    }

    @Test
    void theChangesQueryRefusesInjectedNamesAndIds() {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        assertThatThrownBy(() -> Soql.changesQuery("Lead", List.of("Email FROM User --"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Soql.changesQuery("Lead WHERE Id != null", List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Soql.changesQuery("Lead", List.of(), t, "' OR Id != '"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
