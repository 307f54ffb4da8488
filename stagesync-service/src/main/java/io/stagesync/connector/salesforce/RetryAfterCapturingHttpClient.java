package io.stagesync.connector.salesforce;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.camel.component.salesforce.SalesforceHttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpConversation;
import org.eclipse.jetty.client.transport.HttpRequest;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * camel-salesforce's Jetty client, extended so that a response's {@code Retry-After} reaches the call that sent
 * the request. The component itself drops it: it copies only {@code Sforce-*} response headers onto the exchange
 * ({@code AbstractClientBase.determineHeadersFrom}), none at all when an sObject Collections call fails
 * ({@code CompositeSObjectCollectionsProcessor.processResponse}), and its {@code SalesforceException} carries
 * status and body but no headers.
 *
 * <p>Use: {@link #capturing(AtomicReference, Supplier)} around one call sent on this thread. Every request created
 * while it runs (camel-salesforce creates them on the calling thread) records the {@code Retry-After} value of its
 * response, if it has one, into the given reference; so do the requests the component derives from them later on
 * its own threads (the resend after a re-login), which inherit the reference through their Jetty conversation.
 * Requests outside such a call record nothing. Thread-safe.
 */
final class RetryAfterCapturingHttpClient extends SalesforceHttpClient {
    private static final ThreadLocal<AtomicReference<String>> CURRENT_CALL = new ThreadLocal<>();
    private static final String CONVERSATION_ATTRIBUTE = RetryAfterCapturingHttpClient.class.getName() + ".retryAfter";

    /**
     * @param workerPool runs the component's response callbacks; shut down when the client stops
     */
    RetryAfterCapturingHttpClient(ExecutorService workerPool, SslContextFactory.Client sslContextFactory) {
        super(null, workerPool, sslContextFactory);
    }

    /**
     * Runs {@code call} on this thread with every Salesforce response it gets recording its {@code Retry-After}
     * into {@code retryAfter} (the last one wins; untouched when no response has the header).
     */
    static <T> T capturing(AtomicReference<String> retryAfter, Supplier<T> call) {
        AtomicReference<String> outer = CURRENT_CALL.get();
        CURRENT_CALL.set(retryAfter);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT_CALL.remove();
            } else {
                CURRENT_CALL.set(outer);
            }
        }
    }

    @Override
    public HttpRequest newHttpRequest(HttpConversation conversation, URI uri) {
        HttpRequest request = super.newHttpRequest(conversation, uri);
        AtomicReference<String> sink = CURRENT_CALL.get();
        if (sink != null) {
            conversation.setAttribute(CONVERSATION_ATTRIBUTE, sink);
        }
        listen(request);
        return request;
    }

    @Override
    public Request copyRequest(Request oldRequest, URI newURI) {
        Request copy = super.copyRequest(oldRequest, newURI);
        listen(copy);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void listen(Request request) {
        if (!(request instanceof HttpRequest http)) {
            return;
        }
        Object sink = http.getConversation().getAttribute(CONVERSATION_ATTRIBUTE);
        if (sink instanceof AtomicReference<?> reference) {
            AtomicReference<String> retryAfter = (AtomicReference<String>) reference;
            request.onResponseHeaders(response -> {
                String value = response.getHeaders().get(HttpHeader.RETRY_AFTER);
                if (value != null) {
                    retryAfter.set(value);
                }
            });
        }
    }
}
