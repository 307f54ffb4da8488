package io.stagesync.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The bounds vendor responses are read within: long real values pass, a string beyond the bound is refused saying so. */
class VendorJsonTest {
    private final ObjectMapper json = VendorJson.mapper();

    @Test
    void aNetSuiteLongTextOfAMillionCharactersIsRead() throws Exception {
        String longText = "n".repeat(1_000_000);

        assertThat(json.readTree("{\"items\": [{\"id\": \"7\", \"comments\": \"" + longText + "\"}]}")
                .path("items").path(0).path("comments").asText()).hasSize(1_000_000);
    }

    @Test
    void aStringBeyondTheBoundIsRefusedWithAMessageNamingTheBound() {
        String tooLong = "{\"companyname\": \"" + "x".repeat(VendorJson.MAX_STRING_CHARS + 1) + "\"}";

        assertThatThrownBy(() -> json.readTree(tooLong)).isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(VendorJson.problem((JsonProcessingException) e, "not JSON"))
                        .contains("beyond what stagesync reads").contains(String.valueOf(VendorJson.MAX_STRING_CHARS))
                        .contains("page size"));
    }

    @Test
    void nestingBeyondTheBoundIsRefused() {
        String deep = "[".repeat(VendorJson.MAX_NESTING_DEPTH + 1) + "]".repeat(VendorJson.MAX_NESTING_DEPTH + 1);

        assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("nesting depth");
    }
}
