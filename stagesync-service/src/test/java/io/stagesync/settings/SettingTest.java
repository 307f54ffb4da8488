package io.stagesync.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One declaration type for every setting: its docs row, its whole-number check, its template and secrecy. */
class SettingTest {
    private static final Setting PAGE_SIZE = Setting.integer("stagesync.x.page-size", 1000, 1, 1000, "rows per page");

    @Test
    void aBoundedWholeNumberShowsItsBoundsAndDefaultInItsRow() {
        assertThat(PAGE_SIZE.docRow()).isEqualTo("| `stagesync.x.page-size` | int 1–1000 | `1000` | rows per page |");
        assertThat(PAGE_SIZE.defaultInt()).isEqualTo(1000);
    }

    @Test
    void theDefaultCellSaysRequiredEmptyNoteOrDash() {
        assertThat(Setting.text("stagesync.x.id", "the id").asRequired().defaultCell()).isEqualTo("— (required)");
        assertThat(Setting.text("stagesync.x.user", "a user").withDefault("").defaultCell()).isEqualTo("*(empty)*");
        assertThat(Setting.text("stagesync.x.alias", "an alias").defaultCell()).isEqualTo("—");
        assertThat(Setting.of("stagesync.x.base-url", Setting.Type.URL, "host").withDefault("https://a")
                .withDefaultNote("*(discovered)*").defaultCell()).isEqualTo("*(discovered)*");
    }

    @Test
    void theTypeCellIsTheNoteWhenTheBoundsDoNotSayIt() {
        Setting open = Setting.of("stagesync.x.open-seconds", Setting.Type.INT, "open").withBounds(1L, null);
        assertThat(open.typeCell()).isEqualTo("int ≥ 1");
        assertThat(open.withTypeNote("int > 0").typeCell()).isEqualTo("int > 0");
        assertThat(Setting.secret("stagesync.x.password", "pw").typeCell()).isEqualTo("secret");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "ok", value = {
            "1       | ok",
            "1000    | ok",
            "0       | must be a whole number from 1 to 1000; got '0'",
            "1001    | must be a whole number from 1 to 1000; got '1001'",
            "ten     | must be a whole number from 1 to 1000; got 'ten'",
            "99999999999 | must be a whole number from 1 to 1000; got '99999999999'"})
    void aWholeNumberIsCheckedAgainstTheDeclaredBounds(String value, String problem) {
        assertThat(PAGE_SIZE.checkInt(value)).isEqualTo(problem);
    }

    @Test
    void aLowerBoundAloneIsWordedAsAtLeast() {
        Setting slot = Setting.of("stagesync.x.wait-ms", Setting.Type.INT, "wait").withBounds(0L, null);
        assertThat(slot.checkInt("-1")).isEqualTo("must be a whole number of at least 0; got '-1'");
        assertThat(slot.checkInt("0")).isNull();
    }

    @Test
    void aTemplateNamesEachSystem() {
        Setting template = Setting.integer("stagesync.resilience.SYSTEM.max-attempts", 4, 1, 10, "attempts");
        assertThat(template.forSystem("netsuite").key()).isEqualTo("stagesync.resilience.netsuite.max-attempts");
        assertThat(template.forSystem("netsuite").typeCell()).isEqualTo("int 1–10");
    }

    @Test
    void onlySecretsAreSecretKeys() {
        List<Setting> settings = List.of(Setting.secret("stagesync.x.password", "pw"), Setting.text("stagesync.x.user", "u"));
        assertThat(Setting.secretKeysOf(settings)).containsExactly("stagesync.x.password");
        assertThat(Setting.keysOf(settings)).containsExactly("stagesync.x.password", "stagesync.x.user");
    }

    @Test
    void aDeclarationThatCannotBeRightIsRefused() {
        assertThatThrownBy(() -> Setting.text("x.page-size", "no prefix")).hasMessageContaining("stagesync.");
        assertThatThrownBy(() -> Setting.text("stagesync.x.name", "text").withBounds(1L, 2L))
                .hasMessageContaining("only whole numbers have bounds");
        assertThatThrownBy(() -> Setting.integer("stagesync.x.n", 5, 10, 1, "n")).hasMessageContaining("above max");
    }

    @Test
    void aProblemJoinsItsKeyAndMessageAsOneSentence() {
        assertThat(new SettingProblem("stagesync.x.n", "must be 1").text()).isEqualTo("stagesync.x.n must be 1");
        SettingProblem colon = new SettingProblem("stagesync.x.n", ": unknown setting");
        assertThat(colon.text()).isEqualTo("stagesync.x.n: unknown setting");
        assertThat(colon.detail()).isEqualTo("unknown setting");
    }
}
