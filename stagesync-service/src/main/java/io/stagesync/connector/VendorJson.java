package io.stagesync.connector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON reader for what vendors answer, with explicit bounds, so a broken or hostile response cannot make
 * stagesync hold gigabytes: Jackson refuses a response beyond them, and the call fails as a permanent
 * {@link SystemCallException} naming the bound (the poll of that system fails and is tried again; the other
 * systems go on).
 *
 * <p>The bounds sit far above real data, because hitting one stops the poll of that system: a single value that
 * is merely too long for stagesync ({@code stagesync.sync.max-value-chars}, at most 1,000,000) is read and put in
 * the dead letters with its record, the rest of the page flowing.
 * <ul>
 * <li>{@value #MAX_STRING_CHARS} characters per string: twice NetSuite's longest text field (Long Text,
 *     1,000,000), and above Salesforce's (Long and Rich Text Area, 131,072) and Pardot's and Eloqua's.</li>
 * <li>{@value #MAX_DOCUMENT_CHARS} characters (64 MiB) per response: a full page of the largest page size
 *     (Salesforce 2,000 records, NetSuite and Pardot 1,000) of the fields stagesync reads is a few MB; a
 *     response this large means a page of huge records: lower the connector's page size.</li>
 * <li>{@value #MAX_NESTING_DEPTH} levels of nesting: vendor records nest two or three.</li>
 * </ul>
 * Thread-safe: each call returns a new mapper.
 */
public final class VendorJson {
    /** The longest string read from a response, in characters. */
    public static final int MAX_STRING_CHARS = 2_000_000;
    /** The largest response read, in characters (64 MiB). */
    public static final long MAX_DOCUMENT_CHARS = 64L * 1024 * 1024;
    /** The deepest nesting read. */
    public static final int MAX_NESTING_DEPTH = 100;

    private VendorJson() {
    }

    /** A mapper reading with the bounds above. */
    public static ObjectMapper mapper() {
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_CHARS)
                .maxDocumentLength(MAX_DOCUMENT_CHARS)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build()).build());
    }

    /**
     * What to say about a response that could not be read: for one beyond a bound, that and which bound;
     * otherwise {@code fallback}.
     */
    public static String problem(JsonProcessingException e, String fallback) {
        if (e instanceof StreamConstraintsException) {
            return "the response is beyond what stagesync reads (" + e.getOriginalMessage()
                    + "); a page of huge records: lower the connector's page size";
        }
        return fallback;
    }
}
