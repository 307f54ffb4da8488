package io.stagesync.connector.netsuite;

import io.stagesync.connector.http.CamelHttpTransport;
import org.apache.camel.CamelContext;

/** The camel-http transport to NetSuite (the account-wide concurrency limit applies); failures without a response are classified by {@link NetSuiteErrors}. */
final class NetSuiteHttp extends CamelHttpTransport {
    static final String SYSTEM = "netsuite";

    NetSuiteHttp(CamelContext camel, String baseUrl, int maxConcurrent) {
        super(camel, baseUrl, maxConcurrent, SYSTEM, NetSuiteErrors::fromTransportFailure);
    }
}
