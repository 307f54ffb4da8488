package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stagesync.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** application.properties: defaults, environment overrides, secret references, validation. */
class AppSettingsLoaderTest {
    @TempDir
    Path config;

    private Path properties(String text) throws IOException {
        return Files.writeString(config.resolve("application.properties"), text);
    }

    @Test
    void withoutAFileEveryKeyHasItsDefaultAndTheStoreIsEmbeddedH2() {
        AppSettings settings = new AppSettingsLoader(Map.of()).load(config);

        StoreSettings store = settings.storeSettings();
        assertThat(store.jdbcUrl()).startsWith("jdbc:h2:file:").contains("data");
        assertThat(settings.connectors()).isEmpty();
        assertThat(settings.heartbeatSeconds()).isEqualTo(60);
    }

    @Test
    void aJdbcUrlSelectsPostgresqlWithThePasswordFromTheEnvironment() throws IOException {
        properties("""
                stagesync.store.jdbc-url=jdbc:postgresql://127.0.0.1:5432/test
                stagesync.store.username=stagesync
                stagesync.store.password=${env:DB_PASSWORD}
                """);

        AppSettings settings = new AppSettingsLoader(Map.of("DB_PASSWORD", "s3cret-from-env")).load(config);

        assertThat(settings.storeSettings().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(settings.storeSettings().username()).isEqualTo("stagesync");
        assertThat(settings.storeSettings().password()).isEqualTo("s3cret-from-env");
        assertThat(String.join("\n", settings.describe())).contains("stagesync.store.password=******")
                .doesNotContain("s3cret-from-env");
    }

    @Test
    void aSecretMayComeFromAFileNextToTheConfig() throws IOException {
        Files.writeString(config.resolve("db.secret"), "from-file\n");
        properties("stagesync.store.password=${file:db.secret}\n");

        assertThat(new AppSettingsLoader(Map.of()).load(config).get(SettingKey.STORE_PASSWORD)).isEqualTo("from-file");
    }

    @Test
    void anEnvironmentVariableOverridesTheFile() throws IOException {
        properties("stagesync.heartbeat.period-seconds=60\n");

        AppSettings settings = new AppSettingsLoader(Map.of("STAGESYNC_HEARTBEAT_PERIOD_SECONDS", "5")).load(config);

        assertThat(settings.heartbeatSeconds()).isEqualTo(5);
        assertThat(settings.describe()).contains(
                "stagesync.heartbeat.period-seconds=5  (environment STAGESYNC_HEARTBEAT_PERIOD_SECONDS)");
    }

    @Test
    void everyBadValueIsReportedWithItsLine() throws IOException {
        Path file = properties("""
                # comment
                stagesync.store.jdbc-url=jdbc:mysql://db/x
                stagesync.store.pool-size=zero
                stagesync.heartbeat.period-seconds=0
                camel.main.name=ignored-by-stagesync
                """);

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> new AppSettingsLoader(Map.of()).load(config));

        assertThat(e.errors()).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                file + ":2: stagesync.store.jdbc-url: must be empty (embedded H2), jdbc:h2:… or jdbc:postgresql:… "
                        + "(got \"jdbc:mysql://db/x\")",
                file + ":3: stagesync.store.pool-size: must be a whole number between 1 and 100 (got \"zero\")",
                file + ":4: stagesync.heartbeat.period-seconds: must be between 1 and 86400 (got \"0\")");
    }

    /** The Eloqua refresh token is declared a secret: a literal is refused like every other secret. */
    @Test
    void anEloquaRefreshTokenWrittenInTheFileIsRefusedAsASecret() throws IOException {
        Path file = properties("""
                stagesync.connectors=eloqua
                stagesync.eloqua.refresh-token=rt-literal-value
                """);

        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> new AppSettingsLoader(Map.of()).load(config));

        assertThat(e.errors()).extracting(ConfigError::toString).contains(file + ":2: stagesync.eloqua.refresh-token: "
                + "a secret must not be written in config: use ${env:NAME} or ${file:PATH}");
        assertThat(e.getMessage()).doesNotContain("rt-literal-value");
    }

    @Test
    void anEloquaRefreshTokenFromTheEnvironmentIsMaskedInTheListing() throws IOException {
        properties("""
                stagesync.connectors=eloqua
                stagesync.eloqua.refresh-token=${env:ELOQUA_RT}
                """);

        AppSettings settings = new AppSettingsLoader(Map.of("ELOQUA_RT", "rt-from-env")).load(config);

        assertThat(String.join("\n", settings.describe())).contains("stagesync.eloqua.refresh-token=******")
                .doesNotContain("rt-from-env");
    }
}
