package io.stagesync.connector.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Configures the real camel-salesforce {@link SalesforceComponent} from {@link SalesforceSettings} and adds it
 * to a {@link CamelContext}.
 *
 * <p>Choices made here, each a contract the rest of the connector relies on:
 * <ul>
 *   <li><b>Lazy login.</b> The component does not log in when the context starts, so stagesync starts (and
 *       serves its admin API) while Salesforce or the network is down; the first call logs in, and a login
 *       failure surfaces on that call as a {@code SystemCallException} its {@code CallPolicy} can retry.</li>
 *   <li><b>One re-login.</b> The component's HTTP client handles a 401 by logging in again and resending the
 *       request; its retry budget is set to 1 (the component's default is 3), so a 401 costs at most one
 *       re-login and one resend before the failure is reported.</li>
 *   <li><b>No other retries.</b> The component's Jetty client resends nothing else (5xx, 429, connection
 *       failures and timeouts come back once; its security handler resends only after a re-login on 401, or on a
 *       Bulk API 400 {@code InvalidSessionId}); the injected {@code CallPolicy} is the only retry owner.</li>
 *   <li><b>Retry-After reaches the policy.</b> The Jetty client is a {@link RetryAfterCapturingHttpClient}, so a
 *       throttled call's {@code Retry-After}, which the component would drop, can be handed to the policy.</li>
 *   <li><b>Explicit timeouts.</b> {@link SalesforceSettings#timeouts()}: Jetty's connect timeout, its idle timeout
 *       (read) and its total request timeout (whole call), for the login as for every data call.</li>
 *   <li><b>Bounded connections.</b> At most {@link SalesforceSettings#maxConcurrentCalls()} connections to
 *       Salesforce.</li>
 *   <li><b>JWT key.</b> With a key alias, the keystore is read here and only that entry is handed to the
 *       component (which otherwise insists on a keystore with exactly one key entry); a missing alias or
 *       unreadable keystore fails here, at start-up.</li>
 * </ul>
 *
 * <p>Stopping the context revokes the access token ({@code GET /services/oauth2/revoke}).
 */
public final class SalesforceComponentFactory {

    /** The component name the connector uses unless told otherwise. */
    public static final String DEFAULT_COMPONENT_NAME = "salesforce";

    /** Re-logins (and resends) the component's HTTP client may do per request on a 401. */
    static final int MAX_AUTHENTICATION_RETRIES = 1;

    private SalesforceComponentFactory() {
    }

    /**
     * Creates the component and adds it to {@code context} as {@value #DEFAULT_COMPONENT_NAME}.
     *
     * @throws IllegalArgumentException when the JWT keystore cannot be read or lacks the key alias
     */
    public static SalesforceComponent register(CamelContext context, SalesforceSettings settings) {
        return register(context, DEFAULT_COMPONENT_NAME, settings);
    }

    /**
     * Creates the component and adds it to {@code context} under {@code name} (one name per org).
     *
     * @throws IllegalArgumentException when the JWT keystore cannot be read or lacks the key alias
     */
    public static SalesforceComponent register(CamelContext context, String name, SalesforceSettings settings) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(name, "name");
        SalesforceComponent component = create(settings);
        context.addComponent(name, component);
        return component;
    }

    /** Creates a configured component without adding it to a context. */
    public static SalesforceComponent create(SalesforceSettings settings) {
        Objects.requireNonNull(settings, "settings");
        SalesforceComponent component = new SalesforceComponent();
        // the endpoint config must exist before the version is set on it (else a NullPointerException)
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(settings.apiVersion());
        component.setConfig(config);

        // the package of DynamicSObject: without one the component warns at every start that typed
        // getSObject* operations will not work (the connector uses none of them)
        component.setPackages(DynamicSObject.class.getPackageName());
        component.setLoginUrl(settings.loginUrl());
        component.setClientId(settings.clientId());
        component.setLazyLogin(true);
        switch (settings.authType()) {
            case JWT -> {
                component.setAuthenticationType(AuthenticationType.JWT);
                component.setUserName(settings.username());
                component.setKeystore(keystore(settings));
                component.setJwtAudience(settings.jwtAudience());
            }
            case CLIENT_CREDENTIALS -> {
                component.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
                component.setClientSecret(settings.clientSecret());
            }
            case PASSWORD -> {
                component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
                component.setClientSecret(settings.clientSecret());
                component.setUserName(settings.username());
                component.setPassword(settings.passwordWithSecurityToken());
            }
            default -> throw new IllegalStateException("unknown auth type " + settings.authType());
        }

        config.setHttpClient(new RetryAfterCapturingHttpClient(workerPool(), new SslContextFactory.Client()));
        component.setHttpClientConnectionTimeout(settings.timeouts().connect().toMillis());
        component.setHttpClientIdleTimeout(settings.timeouts().read().toMillis());
        component.setHttpRequestTimeout(settings.timeouts().call().toMillis());
        Map<String, Object> http = new HashMap<>();
        http.put("maxRetries", MAX_AUTHENTICATION_RETRIES);
        http.put("maxConnectionsPerDestination", settings.maxConcurrentCalls());
        component.setHttpClientProperties(http);
        return component;
    }

    /**
     * Creates the component Change Data Capture subscribes through (not added to a context): like
     * {@link #create}, but logging in when it starts, since camel-salesforce's Pub/Sub consumer refuses lazy login
     * (so add it, and the routes using it, only once the service is up), and pointed at the Pub/Sub API host and
     * port; a plaintext host (a local test server) is reached without any system proxy.
     */
    public static SalesforceComponent createForPubSub(SalesforceSettings settings) {
        SalesforceComponent component = create(settings);
        component.setLazyLogin(false);
        component.setPubSubHost(settings.pubSubHost());
        component.setPubSubPort(settings.pubSubPort());
        component.setPubsubAllowUseSystemProxy(!settings.pubSubPlaintext());
        return component;
    }

    /** The pool the component's response callbacks run on: daemon threads, idle ones end after a minute. */
    private static ExecutorService workerPool() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("salesforce-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(daemons);
    }

    private static KeyStoreParameters keystore(SalesforceSettings settings) {
        KeyStoreParameters parameters = new KeyStoreParameters();
        parameters.setType("PKCS12");
        parameters.setPassword(settings.jwtKeystorePassword());
        parameters.setKeyStore(singleKeyStore(settings));
        return parameters;
    }

    /** The keystore reduced to the one key entry to sign with, so the component finds exactly one. */
    private static KeyStore singleKeyStore(SalesforceSettings settings) {
        char[] password = settings.jwtKeystorePassword().toCharArray();
        String key = SalesforceSettings.KEY_JWT_KEYSTORE_PATH;
        try (InputStream in = Files.newInputStream(settings.jwtKeystorePath())) {
            KeyStore source = KeyStore.getInstance("PKCS12");
            source.load(in, password);
            List<String> keyAliases = Collections.list(source.aliases()).stream().filter(a -> isKey(source, a)).toList();
            String alias = settings.jwtKeyAlias();
            if (alias == null) {
                if (keyAliases.size() != 1) {
                    throw new IllegalArgumentException(key + " " + settings.jwtKeystorePath() + " holds "
                            + keyAliases.size() + " key entries " + keyAliases + "; set "
                            + SalesforceSettings.KEY_JWT_KEY_ALIAS + " to pick one");
                }
                alias = keyAliases.get(0);
            } else if (!keyAliases.contains(alias)) {
                throw new IllegalArgumentException(SalesforceSettings.KEY_JWT_KEY_ALIAS + " " + alias
                        + " is not a key entry of " + settings.jwtKeystorePath() + " (key entries: " + keyAliases + ")");
            }
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            Certificate[] chain = source.getCertificateChain(alias);
            single.setKeyEntry(alias, source.getKey(alias, password), password, chain);
            return single;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(key + " " + settings.jwtKeystorePath()
                    + " could not be read as a PKCS12 keystore with " + SalesforceSettings.KEY_JWT_KEYSTORE_PASSWORD
                    + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
