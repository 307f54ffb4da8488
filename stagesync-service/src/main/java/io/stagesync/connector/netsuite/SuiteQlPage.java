package io.stagesync.connector.netsuite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a SuiteQL result.
 *
 * @param items        the rows in result order; each an immutable, insertion-ordered map of
 *                     lower-case column name to value (String, Number, Boolean or null), without
 *                     NetSuite's per-row {@code links}
 * @param hasMore      whether NetSuite has rows after this page
 * @param offset       the offset of the first row of this page
 * @param count        the rows on this page
 * @param totalResults the rows of the whole query, as NetSuite counted them
 */
public record SuiteQlPage(List<Map<String, Object>> items, boolean hasMore, int offset, int count, long totalResults) {
    public SuiteQlPage {
        items = items.stream().map(row -> Collections.unmodifiableMap(new LinkedHashMap<>(row))).toList();
    }
}
