package io.stagesync.store.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

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
}
