package io.stagesync.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryParser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The account answers SuiteQL from its indexes (records by internal id, by change time, by external id) exactly as
 * evaluating the query on every record does: across Berlin's autumn clock change, where local times repeat, with
 * records changed many times, and with external ids moved from one record to another.
 */
class NetSuiteIndexedQueryAgreesWithAFullScanTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    // 2026-10-25 01:00 UTC Berlin goes from 03:00 CEST back to 02:00 CET
    private final MovingClock clock = new MovingClock(Instant.parse("2026-10-24T23:00:00Z"));
    private final NetSuiteAccount account = new NetSuiteAccount(clock, BERLIN);
    private final NetSuiteSchema.RecordType customer = NetSuiteSchema.type("customer").orElseThrow();

    @Test
    void changeReadsLookupsAndOtherQueriesGiveWhatAFullScanGives() {
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.now = clock.now.plusSeconds(random.nextInt(90));
            if (ids.isEmpty() || random.nextInt(3) == 0) {
                ids.add(account.create(customer, Map.of("companyName", "Company " + i, "externalId", "E" + i)));
            } else if (random.nextBoolean()) {
                account.update(customer, ids.get(random.nextInt(ids.size())), Map.of("companyName", "Renamed " + i));
            } else {
                account.upsertByExternalId(customer, "E" + random.nextInt(i), Map.of("companyName", "Upserted " + i));
            }
        }
        List<String> queries = new ArrayList<>();
        for (Map<String, Object> record : account.list(customer)) {
            String at = LOCAL.format(LocalDateTime.ofInstant((Instant) record.get("lastModifiedDate"), BERLIN));
            String ts = "TO_TIMESTAMP('" + at + "', 'YYYY-MM-DD HH24:MI:SS')";
            queries.add("SELECT id, companyname FROM customer WHERE (lastmodifieddate > " + ts
                    + " OR (lastmodifieddate = " + ts + " AND id > " + record.get("id") + ")) ORDER BY lastmodifieddate, id");
            queries.add("SELECT id, companyname FROM customer WHERE lastmodifieddate >= " + ts + " AND id < 1100");
            queries.add("SELECT id, companyname FROM customer WHERE id = " + record.get("id"));
        }
        queries.add("SELECT id FROM customer WHERE id IN (1005, 1001, 1005, 99999) ORDER BY id DESC");
        queries.add("SELECT id FROM customer WHERE id = '1003'");
        queries.add("SELECT id, companyname FROM customer WHERE companyname LIKE 'Renamed%' ORDER BY companyname");
        List<SuiteQlEngine.Source> all = account.list(customer).stream()
                .map(r -> new SuiteQlEngine.Source(customer, r)).toList();
        for (String text : queries) {
            SimQuery query = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL, text);
            assertThat(account.query(query)).as(text).isEqualTo(SuiteQlEngine.run(query, all, BERLIN));
        }
        assertThat(account.query(SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL, queries.get(0)))).isNotEmpty();
    }

    @Test
    void anExternalIdMovedToAnotherRecordIsFoundThereAndNoLongerWhereItWas() {
        String first = account.create(customer, Map.of("companyName", "First", "externalId", "A"));
        account.update(customer, first, Map.of("externalId", "B"));

        NetSuiteAccount.Written again = account.upsertByExternalId(customer, "A", Map.of("companyName", "Second"));
        NetSuiteAccount.Written moved = account.upsertByExternalId(customer, "B", Map.of("companyName", "First again"));

        assertThat(again.created()).isTrue();
        assertThat(again.id()).isNotEqualTo(first);
        assertThat(moved).isEqualTo(new NetSuiteAccount.Written(first, false));
        assertThat(account.getByExternalId(customer, "B").orElseThrow().get("companyName")).isEqualTo("First again");
        assertThat(account.getByExternalId(customer, "A").orElseThrow().get("id")).isEqualTo(again.id());
    }
}
