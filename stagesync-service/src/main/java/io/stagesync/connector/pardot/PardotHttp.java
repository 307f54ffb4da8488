package io.stagesync.connector.pardot;

import io.stagesync.connector.CallTimeouts;
import io.stagesync.connector.http.CamelHttpTransport;
import org.apache.camel.CamelContext;

/** The camel-http transport to one Account Engagement host or the Salesforce OAuth host (5 concurrent requests per business unit); failures without a response are classified by {@link PardotErrors}. */
final class PardotHttp extends CamelHttpTransport {
    static final String SYSTEM = "pardot";

    PardotHttp(CamelContext camel, String baseUrl, int maxConcurrent, CallTimeouts timeouts) {
        super(camel, baseUrl, maxConcurrent, timeouts, SYSTEM, PardotErrors::fromTransportFailure);
    }
}
