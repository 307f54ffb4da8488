package io.stagesync.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stagesync.config.AppSettingsLoader;
import io.stagesync.config.ConfigError;
import io.stagesync.config.InvalidConfigException;
import io.stagesync.config.SettingKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stagesync.admin.* keys: loopback by default, validated at start, the token a secret. */
class AdminSettingsTest {
    @TempDir
    Path dir;

    private AdminSettings load(String properties, Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("application.properties"), properties);
        return AdminSettings.from(new AppSettingsLoader(env).load(dir));
    }

    @Test
    void defaultsAreLoopbackPort8080EnabledAndNoToken() throws Exception {
        AdminSettings settings = load("", Map.of());
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.loopback()).isTrue();
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.token()).isNull();
        assertThat(SettingKey.ADMIN_HOST.defaultValue()).isEqualTo("127.0.0.1");
    }

    @Test
    void aNonLoopbackBindIsOnlyByExplicitConfig() throws Exception {
        AdminSettings everywhere = load("stagesync.admin.host=0.0.0.0\n", Map.of());
        assertThat(everywhere.host()).isEqualTo("0.0.0.0");
        assertThat(everywhere.loopback()).isFalse();
        AdminSettings fromEnv = load("", Map.of("STAGESYNC_ADMIN_HOST", "::1"));
        assertThat(fromEnv.loopback()).isTrue();
        assertThat(load("stagesync.admin.host=localhost\n", Map.of()).loopback()).isTrue();
    }

    @Test
    void theTokenComesFromAReferenceAndIsMaskedInTheEffectiveSettings() throws Exception {
        Files.writeString(dir.resolve("admin.token"), "from-a-file-0123456789\n");
        Files.writeString(dir.resolve("application.properties"), "stagesync.admin.token=${file:admin.token}\n");
        var settings = new AppSettingsLoader(Map.of()).load(dir);
        assertThat(AdminSettings.from(settings).token()).isEqualTo("from-a-file-0123456789");
        assertThat(String.join("\n", settings.describe())).contains("stagesync.admin.token=******")
                .doesNotContain("from-a-file");
        assertThat(SettingKey.ADMIN_TOKEN.secret()).isTrue();
        assertThat(AdminSettings.from(settings).toString()).doesNotContain("from-a-file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "stagesync.admin.token=literal-token-0123456789 | stagesync.admin.token | a secret must not be written in config",
            "stagesync.admin.token=${env:SHORT_TOKEN} | stagesync.admin.token | at least 16 characters",
            "stagesync.admin.port=0 | stagesync.admin.port | between 1 and 65535",
            "stagesync.admin.port=70000 | stagesync.admin.port | between 1 and 65535",
            "stagesync.admin.host=my host | stagesync.admin.host | must be an IP address or a host name",
            "stagesync.admin.enabled=yes | stagesync.admin.enabled | must be true or false"
    })
    void badValuesAreReportedWithTheirKey(String line, String key, String reason) throws Exception {
        Files.writeString(dir.resolve("application.properties"), line + "\n");
        assertThatThrownBy(() -> new AppSettingsLoader(Map.of("SHORT_TOKEN", "short")).load(dir))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString).anySatisfy(error -> assertThat(error).contains(key)
                                .contains(reason).doesNotContain("short\"")));
    }
}
