package io.stagesync.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The case checksum of Salesforce ids: the 18-character form's last 3 characters encode the case of the first 15. */
class SalesforceIdTest {
    @ParameterizedTest
    @CsvSource({
            "0015000000Gv7qJ, AAR",  // lower and upper case in the last chunk only
            "00GXX0000000001, 2AA",  // the docs' example queue id (docs/connectors/pardot.md)
            "012000000000000, AAA",  // the master record type
            "0UvXX0000000001, 0AA"})
    void theSuffixEncodesWhichOfTheFirst15CharactersAreUpperCase(String id15, String suffix) {
        assertThat(SalesforceId.suffixOf(id15)).isEqualTo(suffix);
        assertThat(SalesforceId.problem(id15)).as("a 15-character id has no checksum to check").isEmpty();
        assertThat(SalesforceId.problem(id15 + suffix)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00GXX0000000001AAA", "0015000000gv7qJAAR"})
    void anIdWhoseSuffixDoesNotMatchItsCaseNamesTheRightOne(String id) {
        String right = id.substring(0, 15) + SalesforceId.suffixOf(id.substring(0, 15));
        assertThat(SalesforceId.problem(id)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("'" + id + "' is not a valid Salesforce id").contains("(" + right + ")"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00GXX000000001", "00GXX00000000012A", "00GXX-0000000012AA", "00GXX00000000012AAA"})
    void anythingButFifteenOrEighteenLettersAndDigitsIsNoSalesforceId(String id) {
        assertThat(SalesforceId.problem(id)).hasValue("'" + id + "' is not a Salesforce id (15 or 18 letters and digits)");
    }
}
