package io.stagesync.admin;

import io.stagesync.kpi.DealRecord;
import io.stagesync.stage.KpiModel;
import io.stagesync.model.CanonicalRecord;
import io.stagesync.store.StageHistoryEntry;
import io.stagesync.store.StateStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the KPIs are computed from, read from the store: the whole stage history ({@link HistoryPages}) and every
 * deal record (paged) with the fields the stage model's {@code kpis} section names: amount, close date and the
 * field the renewal declaration reads. A value that cannot be read as its kind (an amount that is no number) counts
 * as none.
 *
 * @param history every stage history entry, oldest first
 * @param deals   every deal, by canonical id as the database orders text
 */
record KpiInputs(List<StageHistoryEntry> history, List<DealRecord> deals) {
    private static final int PAGE = 1000;
    static final String DEAL = "deal";

    KpiInputs {
        history = List.copyOf(history);
        deals = List.copyOf(deals);
    }

    static KpiInputs read(StateStore store, KpiModel kpis) {
        List<StageHistoryEntry> history = HistoryPages.readAll(store.stageHistory());
        List<DealRecord> deals = new ArrayList<>();
        String after = null;
        while (true) {
            List<CanonicalRecord> page = store.records().page(DEAL, after, PAGE);
            page.forEach(row -> deals.add(deal(row, kpis)));
            if (page.size() < PAGE) {
                return new KpiInputs(history, deals);
            }
            after = page.get(page.size() - 1).id();
        }
    }

    static DealRecord deal(CanonicalRecord row, KpiModel kpis) {
        Object amount = kpis.dealAmountField() == null ? null : row.fields().get(kpis.dealAmountField());
        Object closeDate = kpis.dealCloseDateField() == null ? null : row.fields().get(kpis.dealCloseDateField());
        Object kind = kpis.renewal() == null ? null : row.fields().get(kpis.renewal().field());
        return new DealRecord(row.id(), amount(amount), instant(closeDate), kind == null ? null : kind.toString());
    }

    static BigDecimal amount(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return value == null ? null : new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A stored timestamp (ISO-8601 text, see {@link CanonicalRecord}) or a date (its start, UTC). */
    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
