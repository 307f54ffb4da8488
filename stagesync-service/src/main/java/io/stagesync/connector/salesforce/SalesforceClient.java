package io.stagesync.connector.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.connector.ApiUsageListener;
import io.stagesync.connector.CallPolicy;
import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.SystemCallException;
import io.stagesync.connector.http.CamelHttpTransport;
import io.stagesync.connector.http.HttpFailures;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.apache.camel.component.salesforce.internal.SalesforceSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that talks to Salesforce through camel-salesforce: SOQL {@code query}/{@code queryMore} and
 * sObject Collections upsert, each call run under the injected {@link CallPolicy} and each failure turned into a
 * {@link SystemCallException} by {@link SalesforceErrors}. Operations as the policy sees them:
 * {@code query <type>}, {@code queryMore <type>}, {@code upsert <type>/<externalIdField>}; each covers one HTTP
 * call, plus the login when there is no session yet (lazy login) and the component's one re-login on a 401.
 *
 * <p>A failure carries the response's {@code Retry-After} when the component was configured by
 * {@link SalesforceComponentFactory} (its HTTP client hands the header over, see {@link RetryAfterCapturingHttpClient}),
 * so the policy waits at least that long. A call abandoned at one of the component's timeouts (connect, idle,
 * total; {@link SalesforceSettings#timeouts()}) is retriable and logged as one WARN line with the operation and the
 * time it took.
 *
 * <p>Calls go to fixed endpoint URIs ({@code salesforce:query?rawPayload=true}, …); per-call values travel in
 * headers and bodies, so no endpoint is created per call. One {@link ProducerTemplate}, created here and
 * closed by {@link #close()}. Thread-safe once the {@link CamelContext} has started; the component must be
 * registered under {@code componentName} (see {@link SalesforceComponentFactory}).
 */
public final class SalesforceClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceClient.class);

    /** Records per sObject Collections request, Salesforce's limit. */
    public static final int MAX_RECORDS_PER_CALL = 200;

    /** Request header camel-salesforce forwards to Salesforce (it forwards every {@code Sforce-*} header). */
    static final String QUERY_OPTIONS_HEADER = "Sforce-Query-Options";

    private final CallPolicy policy;
    private final ApiUsageListener usage;
    private final SalesforceComponent component;
    private final ProducerTemplate template;
    private final String queryUri;
    private final String queryAllUri;
    private final String queryMoreUri;
    private final String upsertUri;
    private final String updateUri;
    private final String describeUri;
    private final ObjectMapper json = io.stagesync.connector.VendorJson.mapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A client of the component named {@value SalesforceComponentFactory#DEFAULT_COMPONENT_NAME}. */
    public SalesforceClient(CamelContext context, CallPolicy policy) {
        this(context, SalesforceComponentFactory.DEFAULT_COMPONENT_NAME, policy);
    }

    /**
     * @throws IllegalArgumentException when no {@link SalesforceComponent} is registered under {@code componentName}
     */
    public SalesforceClient(CamelContext context, String componentName, CallPolicy policy) {
        this(context, componentName, policy, ApiUsageListener.none());
    }

    /**
     * @param usage receives the org's API usage from the {@code Sforce-Limit-Info} header of every response
     *              (camel-salesforce copies {@code Sforce-*} response headers onto the message)
     * @throws IllegalArgumentException when no {@link SalesforceComponent} is registered under {@code componentName}
     */
    public SalesforceClient(CamelContext context, String componentName, CallPolicy policy, ApiUsageListener usage) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(componentName, "componentName");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.usage = Objects.requireNonNull(usage, "usage");
        if (!(context.hasComponent(componentName) instanceof SalesforceComponent salesforce)) {
            throw new IllegalArgumentException("no SalesforceComponent named " + componentName
                    + " in the context; register it with SalesforceComponentFactory first");
        }
        this.component = salesforce;
        this.template = context.createProducerTemplate();
        this.queryUri = componentName + ":query?rawPayload=true";
        this.queryAllUri = componentName + ":queryAll?rawPayload=true";
        this.queryMoreUri = componentName + ":queryMore?rawPayload=true";
        this.upsertUri = componentName + ":compositeUpsertSObjectCollections";
        this.updateUri = componentName + ":compositeUpdateSObjectCollections";
        this.describeUri = componentName + ":getDescription?rawPayload=true";
    }

    /**
     * Runs a SOQL query and returns its first page as JSON ({@code totalSize, done, nextRecordsUrl, records}).
     *
     * @param objectType names the call for the policy ({@code query <objectType>})
     * @param batchSize  the page size hint, clamped to 200–2000
     * @throws SystemCallException when the call fails after the policy gave up
     */
    JsonNode query(String objectType, String soql, int batchSize) {
        return page("query " + objectType, queryUri, soql, batchSize);
    }

    /**
     * Runs a SOQL query over the records in the recycle bin too ({@code queryAll}: deleted and merged records, with
     * {@code IsDeleted} and {@code MasterRecordId}) and returns its first page, as {@link #query}. Its
     * {@code nextRecordsUrl} pages with {@link #queryMore}. Operation {@code queryAll <objectType>}.
     *
     * @throws SystemCallException when the call fails after the policy gave up
     */
    JsonNode queryAll(String objectType, String soql, int batchSize) {
        return page("queryAll " + objectType, queryAllUri, soql, batchSize);
    }

    /**
     * Fetches the next page of a query from its {@code nextRecordsUrl}.
     *
     * @throws SystemCallException when the call fails after the policy gave up
     */
    JsonNode queryMore(String objectType, String nextRecordsUrl, int batchSize) {
        return page("queryMore " + objectType, queryMoreUri, nextRecordsUrl, batchSize);
    }

    /** One page of a query operation: {@code body} is the SOQL, or the {@code nextRecordsUrl} for queryMore. */
    private JsonNode page(String operation, String uri, String body, int batchSize) {
        return policy.execute(operation, () -> {
            ensureSession(operation);
            return readJson(operation, send(operation, uri, e -> {
                e.getIn().setBody(body);
                e.getIn().setHeader(QUERY_OPTIONS_HEADER, "batchSize=" + clampBatchSize(batchSize));
            }));
        });
    }

    /**
     * The sObject Describe of one object type ({@code GET /sobjects/{type}/describe}): its {@code fields}, each
     * with {@code name}, {@code type} and, for picklists, {@code picklistValues} ({@code value}, {@code active}).
     * Operation {@code describe <type>}.
     *
     * @throws SystemCallException when the call fails after the policy gave up
     */
    public JsonNode describe(String objectType) {
        String operation = "describe " + objectType;
        return policy.execute(operation, () -> {
            ensureSession(operation);
            return readJson(operation, send(operation, describeUri,
                    e -> e.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_NAME, objectType)));
        });
    }

    /**
     * Upserts up to 200 records of one type by an external-id field in one sObject Collections call
     * ({@code PATCH /composite/sobjects/{type}/{externalIdField}}, {@code allOrNone=false}).
     *
     * @return one result per record, in request order
     * @throws SystemCallException when the call fails after the policy gave up, or the response does not hold
     *     one result per record
     */
    List<UpsertSObjectResult> upsert(String objectType, String externalIdField, List<DynamicSObject> records) {
        return collections("upsert " + objectType + "/" + externalIdField, upsertUri, records, UpsertSObjectResult.class,
                e -> {
                    e.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_NAME, objectType);
                    e.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_EXT_ID_NAME, externalIdField);
                });
    }

    /**
     * Updates up to 200 records of one type by their Salesforce Id in one sObject Collections call
     * ({@code PATCH /composite/sobjects}, {@code allOrNone=false}); for records stagesync already has linked.
     *
     * @param records DTOs whose key field is {@code Id}
     * @return one result per record, in request order
     * @throws SystemCallException when the call fails after the policy gave up, or the response does not hold
     *     one result per record
     */
    List<SaveSObjectResult> update(String objectType, List<DynamicSObject> records) {
        return collections("update " + objectType, updateUri, records, SaveSObjectResult.class, e -> { });
    }

    /** One sObject Collections call ({@code allOrNone=false}) that must answer one result per record. */
    private <R> List<R> collections(String operation, String uri, List<DynamicSObject> records, Class<R> resultType,
                                    Processor headers) {
        if (records.size() > MAX_RECORDS_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_RECORDS_PER_CALL
                    + " records per sObject Collections call; got " + records.size());
        }
        return policy.execute(operation, () -> {
            ensureSession(operation);
            Exchange done = send(operation, uri, e -> {
                e.getIn().setBody(new ArrayList<>(records));
                e.getIn().setHeader(SalesforceEndpointConfig.ALL_OR_NONE, "false");
                headers.process(e);
            });
            Object body = done.getMessage().getBody();
            if (!(body instanceof List<?> results) || results.size() != records.size()
                    || !results.stream().allMatch(resultType::isInstance)) {
                throw new SystemCallException(SalesforceErrors.SYSTEM, operation, 200, "UNEXPECTED_RESPONSE",
                        "expected " + records.size() + " per-record results, got "
                                + (body instanceof List<?> l ? l.size() + " items" : String.valueOf(body)),
                        null, false, null, null);
            }
            return results.stream().map(resultType::cast).toList();
        });
    }

    @Override
    public void close() {
        try {
            template.stop();
        } catch (RuntimeException e) {
            // stopping a template only releases cached producers
        }
    }

    static int clampBatchSize(int requested) {
        return Math.max(SalesforceSettings.MIN_PAGE_SIZE, Math.min(SalesforceSettings.MAX_PAGE_SIZE, requested));
    }

    /**
     * Sends one exchange and throws its failure, classified, with the response's {@code Retry-After} and, for a
     * timeout, after one WARN line.
     */
    private Exchange send(String operation, String uri, Processor request) {
        AtomicReference<String> retryAfter = new AtomicReference<>();
        long started = System.nanoTime();
        Exchange done = RetryAfterCapturingHttpClient.capturing(retryAfter,
                () -> template.send(uri, ExchangePattern.InOut, request));
        SforceLimitInfo.apiUsage(done.getMessage().getHeader(SforceLimitInfo.HEADER, String.class))
                .ifPresent(u -> usage.reported(SalesforceErrors.SYSTEM, u[0], u[1]));
        if (done.getException() != null) {
            throw failure(operation, done.getException(), retryAfter.get(), started);
        }
        return done;
    }

    private SystemCallException failure(String operation, Throwable failure, String retryAfter, long started) {
        if (!isTimeout(failure)) {
            return SalesforceErrors.classify(operation, failure,
                    HttpFailures.retryAfter(retryAfter, Clock.systemUTC()));
        }
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String timedOut = rootMessage(failure) + " (" + SalesforceSettings.PREFIX + "{" + CallTimeouts.CONNECT_KEY + ", "
                + CallTimeouts.READ_KEY + ", " + CallTimeouts.CALL_KEY + "} = "
                + component.getHttpClientConnectionTimeout() / 1000 + ", " + component.getHttpClientIdleTimeout() / 1000
                + ", " + component.getHttpRequestTimeout() / 1000 + ")";
        LOG.warn("{} {} stalled: abandoned after {} ms, {}", SalesforceErrors.SYSTEM, operation, elapsed, timedOut);
        return new SystemCallException(SalesforceErrors.SYSTEM, operation, 0, CamelHttpTransport.TIMEOUT,
                "no answer: " + timedOut + "; abandoned after " + elapsed + " ms", null, true, null, failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Whether the component gave up waiting (Jetty's connect, idle or total timeout) rather than got an answer. */
    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Logs in when there is no session yet (lazy login). Done here rather than left to the component's
     * producer, which throws a failed login out of its asynchronous {@code process} and so leaves the exchange
     * registered as in flight forever (one leaked entry per failed attempt while Salesforce is down).
     */
    private void ensureSession(String operation) {
        SalesforceSession session = component.getSession();
        if (session != null && session.getAccessToken() == null) {
            AtomicReference<String> retryAfter = new AtomicReference<>();
            long started = System.nanoTime();
            SalesforceException refused = RetryAfterCapturingHttpClient.capturing(retryAfter, () -> {
                try {
                    session.login(null);
                    return null;
                } catch (SalesforceException e) {
                    return e;
                }
            });
            if (refused != null) {
                throw failure(operation, refused, retryAfter.get(), started);
            }
        }
    }

    private JsonNode readJson(String operation, Exchange done) {
        Object body = done.getMessage().getBody();
        try {
            if (body instanceof InputStream in) {
                try (in) {
                    return json.readTree(in);
                }
            }
            if (body instanceof String text) {
                return json.readTree(text);
            }
        } catch (IOException e) {
            throw new SystemCallException(SalesforceErrors.SYSTEM, operation, 200, "UNEXPECTED_RESPONSE",
                    "response is not JSON: " + e.getMessage(), null, false, null, e);
        }
        throw new SystemCallException(SalesforceErrors.SYSTEM, operation, 200, "UNEXPECTED_RESPONSE",
                "no response body (" + (body == null ? "null" : body.getClass().getName()) + ")", null, false, null, null);
    }
}
