package io.stagesync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation, masking and descriptions of {@link StoreSettings}; no database needed. */
class StoreSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankUrlNamesTheKey(String url) {
        assertThatThrownBy(() -> new StoreSettings(url, null, null, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stagesync.store.jdbc-url");
        assertThatThrownBy(() -> new StoreSettings(null, null, null, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stagesync.store.jdbc-url");
    }

    @Test
    void anUnsupportedDatabaseNamesTheSupportedOnesAndHidesThePassword() {
        assertThatThrownBy(() -> new StoreSettings("jdbc:mysql://db/x?password=hunter2", null, null, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stagesync.store.jdbc-url").hasMessageContaining("jdbc:h2:")
                .hasMessageContaining("jdbc:postgresql:").hasMessageContaining("H2").hasMessageContaining("PostgreSQL")
                .message().doesNotContain("hunter2");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        assertThatThrownBy(() -> new StoreSettings("", null, null, 0))
                .hasMessageContaining("stagesync.store.jdbc-url").hasMessageContaining("stagesync.store.max-pool-size");
    }

    @Test
    void passwordsAreMaskedInToStringAndInTheUrl() {
        StoreSettings settings = new StoreSettings(
                "jdbc:postgresql://db:5432/stagesync?user=app&password=hunter2&ssl=true", "app", "s3cret", 5);

        assertThat(settings.toString()).contains("password=****").doesNotContain("s3cret").doesNotContain("hunter2");
        assertThat(settings.redactedUrl())
                .isEqualTo("jdbc:postgresql://db:5432/stagesync?user=app&password=****&ssl=true");
        assertThat(new StoreSettings("jdbc:h2:file:/x;PASSWORD=hunter2;MODE=PostgreSQL", null, null, 1).redactedUrl())
                .isEqualTo("jdbc:h2:file:/x;PASSWORD=****;MODE=PostgreSQL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:file:/srv/data/stagesync;AUTO_SERVER=FALSE | H2 file /srv/data/stagesync",
        "jdbc:h2:./data/stagesync                          | H2 file ./data/stagesync",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1                | H2 in-memory test",
        "jdbc:h2:tcp://host:9092/~/x                       | H2 server tcp://host:9092/~/x",
        "jdbc:postgresql://127.0.0.1:5432/test             | PostgreSQL 127.0.0.1:5432/test",
        "jdbc:postgresql://db/stagesync?password=x         | PostgreSQL db:5432/stagesync",
        "jdbc:postgresql://db:6432/s?currentSchema=app     | PostgreSQL db:6432/s (schema app)",
        "jdbc:postgresql:stagesync                         | PostgreSQL localhost:5432/stagesync",
    })
    void describesWithoutCredentials(String url, String description) {
        assertThat(new StoreSettings(url, "u", "p", 1).describe()).isEqualTo(description);
    }

    @Test
    void h2DefaultIsAnAbsoluteFileUrl() {
        StoreSettings settings = StoreSettings.h2Default(Path.of("data"));

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("stagesync")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(settings.isPostgres()).isFalse();
        assertThat(settings.maxPoolSize()).isEqualTo(StoreSettings.DEFAULT_MAX_POOL_SIZE);
        assertThat(settings.describe()).startsWith("H2 file /").endsWith("/data/stagesync");
    }
}
