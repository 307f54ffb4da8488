package io.stagesync.sandbox.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.sandbox.query.SimQuery;
import io.stagesync.sandbox.query.SimQueryParser;
import io.stagesync.testing.MovingClock;
import java.time.Duration;
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
 * evaluating the query on every record does: across Berlin's autumn clock change, where local times repeat, and its
 * spring one, where an hour of local times does not exist; with records changed many times, with transactions of
 * two record types in one table, and with external ids moved from one record to another.
 */
class NetSuiteIndexedQueryAgreesWithAFullScanTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final MovingClock clock = new MovingClock(Instant.parse("2026-10-24T23:00:00Z"));
    private final NetSuiteAccount account = new NetSuiteAccount(clock, BERLIN);
    private final NetSuiteSchema.RecordType customer = NetSuiteSchema.type("customer").orElseThrow();
    private final NetSuiteSchema.RecordType opportunity = NetSuiteSchema.type("opportunity").orElseThrow();

    @Test
    void acrossTheAutumnClockChangeChangeReadsLookupsAndOtherQueriesGiveWhatAFullScanGives() {
        // 2026-10-25 01:00 UTC Berlin goes from 03:00 CEST back to 02:00 CET
        changeManyAndCompare(Instant.parse("2026-10-24T23:00:00Z"), "2026-10-25 02:30:00");
    }

    @Test
    void acrossTheSpringClockChangeChangeReadsLookupsAndOtherQueriesGiveWhatAFullScanGives() {
        // 2026-03-29 01:00 UTC Berlin goes from 02:00 CET to 03:00 CEST: 02:30 is never shown
        changeManyAndCompare(Instant.parse("2026-03-28T23:00:00Z"), "2026-03-29 02:30:00");
    }

    private void changeManyAndCompare(Instant start, String oddLocalTime) {
        clock.set(start);
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofSeconds(random.nextInt(90)));
            if (ids.isEmpty() || random.nextInt(3) == 0) {
                ids.add(account.create(customer, Map.of("companyName", "Company " + i, "externalId", "E" + i)));
            } else if (random.nextBoolean()) {
                account.update(customer, ids.get(random.nextInt(ids.size())), Map.of("companyName", "Renamed " + i));
            } else {
                account.upsertByExternalId(customer, "E" + random.nextInt(i), Map.of("companyName", "Upserted " + i));
            }
        }
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(random.nextInt(30)));
            if (deals.isEmpty() || random.nextBoolean()) {
                deals.add(account.create(opportunity, Map.of("title", "Deal " + i, "entity",
                        Map.of("id", ids.get(random.nextInt(ids.size()))))));
            } else {
                account.update(opportunity, deals.get(random.nextInt(deals.size())), Map.of("title", "Renamed " + i));
            }
        }
        List<String> queries = new ArrayList<>();
        String odd = "TO_TIMESTAMP('" + oddLocalTime + "', 'YYYY-MM-DD HH24:MI:SS')";
        queries.add("SELECT id, companyname FROM customer WHERE lastmodifieddate >= " + odd + " ORDER BY id");
        queries.add("SELECT id, companyname FROM customer WHERE lastmodifieddate > " + odd + " ORDER BY id LIMIT 5 OFFSET 3");
        queries.add("SELECT id, title FROM transaction WHERE lastmodifieddate >= " + odd + " ORDER BY lastmodifieddate");
        queries.add("SELECT id, title FROM transaction WHERE id IN (" + deals.get(0) + ", " + ids.get(0) + ")");
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
        List<SuiteQlEngine.Source> customers = account.list(customer).stream()
                .map(r -> new SuiteQlEngine.Source(customer, r)).toList();
        List<SuiteQlEngine.Source> transactions = account.list(opportunity).stream()
                .map(r -> new SuiteQlEngine.Source(opportunity, r)).toList();
        for (String text : queries) {
            SimQuery query = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL, text);
            List<SuiteQlEngine.Source> all = query.from().equals("transaction") ? transactions : customers;
            assertThat(account.query(query)).as(text).isEqualTo(SuiteQlEngine.run(query, all, BERLIN));
        }
        SimQuery afterOdd = SimQueryParser.parse(SimQueryParser.Dialect.SUITEQL, queries.get(0));
        assertThat(account.query(afterOdd)).as("records after the odd local time").isNotEmpty()
                .hasSizeLessThan(customers.size());
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
