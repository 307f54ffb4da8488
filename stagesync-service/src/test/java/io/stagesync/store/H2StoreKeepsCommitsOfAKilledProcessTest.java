package io.stagesync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.store.jdbc.JdbcStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit to the default embedded H2 store survives the process being killed right after it (no shutdown hook,
 * no close), as kill -9 or the OOM killer would: a child JVM commits watermarks and halts at once; the parent
 * opens the same file and finds every one. With H2's default write delay the last half second is lost.
 */
class H2StoreKeepsCommitsOfAKilledProcessTest {
    static final int COMMITS = 50;

    @TempDir
    Path dataDir;

    @Test
    void everyCommitBeforeAHaltIsThereAfterTheRestart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CommitThenHalt.class.getName(), dataDir.toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(child.exitValue()).as("child exit (log: %s)", Files.readString(dataDir.resolve("child.log")))
                .isEqualTo(CommitThenHalt.HALTED);

        try (StateStore store = JdbcStateStore.open(StoreSettings.h2Default(dataDir))) {
            List<Integer> missing = new java.util.ArrayList<>();
            for (int i = 0; i < COMMITS; i++) {
                if (store.watermarks().get("netsuite", "customer" + i).isEmpty()) {
                    missing.add(i);
                }
            }
            assertThat(missing).as("watermarks committed before the halt but gone after it").isEmpty();
        }
    }

    @Test
    void theDefaultUrlAsksForEveryCommitToBeWrittenAndAnAdminsOwnChoiceIsKept() {
        assertThat(StoreSettings.h2Default(dataDir).connectionUrl()).endsWith(";WRITE_DELAY=0;LOCK_TIMEOUT=10000");
        assertThat(new StoreSettings("jdbc:h2:file:/x/y;WRITE_DELAY=100;LOCK_TIMEOUT=50", "sa", null, 1).connectionUrl())
                .isEqualTo("jdbc:h2:file:/x/y;WRITE_DELAY=100;LOCK_TIMEOUT=50");
        assertThat(new StoreSettings("jdbc:h2:file:/x/y;WRITE_DELAY=100", "sa", null, 1).connectionUrl())
                .isEqualTo("jdbc:h2:file:/x/y;WRITE_DELAY=100;LOCK_TIMEOUT=10000");
        assertThat(new StoreSettings("jdbc:h2:file:/x/y;DEFAULT_LOCK_TIMEOUT=50", "sa", null, 1).connectionUrl())
                .isEqualTo("jdbc:h2:file:/x/y;DEFAULT_LOCK_TIMEOUT=50;WRITE_DELAY=0");
        assertThat(new StoreSettings("jdbc:postgresql://db/x", null, null, 1).connectionUrl())
                .isEqualTo("jdbc:postgresql://db/x");
    }

    /** The child: commits {@value #COMMITS} watermarks one by one, then halts without closing anything. */
    public static final class CommitThenHalt {
        static final int HALTED = 7;

        public static void main(String[] args) {
            StateStore store = JdbcStateStore.open(StoreSettings.h2Default(Path.of(args[0])));
            for (int i = 0; i < COMMITS; i++) {
                store.watermarks().advance(new Watermark("netsuite", "customer" + i, Instant.parse("2026-12-05T10:00:00Z"),
                        "1" + i));
            }
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
