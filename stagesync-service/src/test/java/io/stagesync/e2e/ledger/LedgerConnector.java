package io.stagesync.e2e.ledger;

import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.ChangePosition;
import io.stagesync.connector.ChangeReader;
import io.stagesync.connector.RecordWriter;
import io.stagesync.connector.SystemRecord;
import io.stagesync.connector.UpsertRequest;
import io.stagesync.connector.WriteDialect;
import io.stagesync.connector.WriteResult;
import io.stagesync.connector.spi.ConnectorContext;
import io.stagesync.connector.spi.ConnectorParts;
import io.stagesync.connector.spi.InvalidSettingsException;
import io.stagesync.connector.spi.MappedObjects;
import io.stagesync.connector.spi.SystemConnector;
import io.stagesync.connector.spi.SystemSettings;
import io.stagesync.settings.Setting;
import io.stagesync.settings.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A toy fifth system written against the connector SPI alone, as a plug-in author would: its settings
 * ({@value #KEY_BOOK}, {@value #KEY_MAX_CONCURRENT_CALLS}), a reader and a writer over an in-memory {@link Ledger},
 * every call through the call policy the service gives. Listed in
 * {@code src/test/resources/ledger-connector/META-INF/services/}, outside the test class path's root, so only a
 * class loader that adds that directory finds it.
 */
public final class LedgerConnector implements SystemConnector {
    static final String NAME = "ledger";
    static final String KEY_BOOK = "stagesync.ledger.book";
    static final String KEY_MAX_CONCURRENT_CALLS = "stagesync.ledger.max-concurrent-calls";

    /** The ledger's validated settings. */
    record LedgerSettings(String book, int maxConcurrentCalls) implements SystemSettings {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.text(KEY_BOOK, "the name of the ledger book to sync").asRequired(),
                Setting.integer(KEY_MAX_CONCURRENT_CALLS, 2, 1, 8, "calls to the ledger at once"));
    }

    @Override
    public SystemSettings readSettings(Map<String, String> section, MappedObjects mapped) {
        List<SettingProblem> problems = new ArrayList<>();
        String book = section.get(KEY_BOOK);
        if (book == null || book.isBlank()) {
            problems.add(new SettingProblem(KEY_BOOK, "is required: the name of the ledger book to sync"));
        } else if (Ledger.find(book.trim()).isEmpty()) {
            problems.add(new SettingProblem(KEY_BOOK, "names no open book: '" + book.trim() + "'"));
        }
        int max = 2;
        String maxText = section.get(KEY_MAX_CONCURRENT_CALLS);
        if (maxText != null) {
            try {
                max = Integer.parseInt(maxText.trim());
            } catch (NumberFormatException e) {
                max = 0;
            }
            if (max < 1 || max > 8) {
                problems.add(new SettingProblem(KEY_MAX_CONCURRENT_CALLS,
                        "must be a whole number from 1 to 8; got '" + maxText + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new LedgerSettings(book.trim(), max);
    }

    @Override
    public ConnectorParts build(ConnectorContext context) {
        Ledger ledger = Ledger.find(context.settings(LedgerSettings.class).book()).orElseThrow();
        CallPolicy policy = context.callPolicy();
        ChangeReader reader = new ChangeReader() {
            @Override
            public void readChanges(String objectType, ChangePosition after, int pageSize, PageConsumer consumer) {
                List<SystemRecord> changed = policy.execute("read " + objectType,
                        () -> ledger.changedAfter(objectType, after));
                for (int from = 0; from < changed.size(); from += pageSize) {
                    List<SystemRecord> page = changed.subList(from, Math.min(changed.size(), from + pageSize));
                    SystemRecord last = page.get(page.size() - 1);
                    if (!consumer.accept(List.copyOf(page), new ChangePosition(last.modstamp(), last.id()))) {
                        return;
                    }
                }
            }
        };
        RecordWriter writer = new RecordWriter() {
            @Override
            public List<WriteResult> upsert(String objectType, String keyField, List<UpsertRequest> requests) {
                return policy.execute("upsert " + objectType, () -> ledger.upsert(objectType, keyField, requests));
            }
        };
        return ConnectorParts.of(reader, writer, WriteDialect.plainIds("id"));
    }
}
