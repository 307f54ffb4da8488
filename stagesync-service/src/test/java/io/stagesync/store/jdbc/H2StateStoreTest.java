package io.stagesync.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stagesync.store.StateStore;
import io.stagesync.store.StoreException;
import io.stagesync.store.StoreSettings;

/** The store contract on an embedded H2 file database (the shipped default), a fresh one per test. */
class H2StateStoreTest extends AbstractStateStoreTest {

    @TempDir
    Path tempDir;

    @Override
    protected StoreSettings createDatabase() {
        return StoreSettings.h2Default(tempDir.resolve("data"));
    }

    @Override
    protected void dropDatabase() {
        // @TempDir removes the files
    }

    @Override
    protected StoreSettings unreachableSettings() {
        return new StoreSettings("jdbc:h2:file:" + tempDir.resolve("missing/stagesync") + ";IFEXISTS=TRUE",
                "sa", SECRET, 2);
    }

    @Override
    protected String expectedDescription(StoreSettings settings) {
        return "H2 file " + tempDir.toAbsolutePath().resolve("data").resolve("stagesync");
    }

    @Test
    void aFileLockedByAnotherProcessGivesAClearError() throws Exception {
        StoreSettings elsewhere = StoreSettings.h2Default(tempDir.resolve("other"));
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), H2FileLockHolder.class.getName(), elsewhere.jdbcUrl())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(output.readLine()).isEqualTo("LOCKED");

            assertThatThrownBy(() -> JdbcStateStore.open(elsewhere))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(elsewhere.jdbcUrl())
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("another stagesync process");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }
}
