package io.stagesync.connector.netsuite;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.http.CamelHttpTransport;
import org.apache.camel.CamelContext;

/** The camel-http transport to NetSuite (the account-wide concurrency limit applies); failures without a response are classified by {@link NetSuiteErrors}. */
final class NetSuiteHttp extends CamelHttpTransport {
    static final String SYSTEM = "netsuite";

    /** A transport with the default timeouts ({@link NetSuiteSettings#DEFAULT_TIMEOUTS}). */
    NetSuiteHttp(CamelContext camel, String baseUrl, int maxConcurrent) {
        this(camel, baseUrl, maxConcurrent, NetSuiteSettings.DEFAULT_TIMEOUTS);
    }

    NetSuiteHttp(CamelContext camel, String baseUrl, int maxConcurrent, CallTimeouts timeouts) {
        super(camel, baseUrl, maxConcurrent, timeouts, SYSTEM, NetSuiteErrors::fromTransportFailure);
    }
}
