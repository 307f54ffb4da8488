package io.stagesync.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.stagesync.connector.CallPolicy;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the factory sets on the real component and its HTTP client (no HTTP call is made). */
class SalesforceComponentFactoryTest {
    private final SalesforceTestBed bed = new SalesforceTestBed();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void theComponentIsLazyWithTheVersionAndTheHttpClientHasOneAuthRetryAndBoundedConnections() {
        bed.start(bed.passwordFlow(Map.of(SalesforceSettings.KEY_API_VERSION, "61.0",
                SalesforceSettings.KEY_MAX_CONCURRENT_CALLS, "7")), CallPolicy.direct());
        SalesforceComponent component = bed.camel().getComponent("salesforce", SalesforceComponent.class);

        assertThat(component.getLoginConfig().isLazyLogin()).isTrue();
        assertThat(component.getLoginConfig().getType()).isEqualTo(AuthenticationType.USERNAME_PASSWORD);
        assertThat(component.getConfig().getApiVersion()).isEqualTo("61.0");
        assertThat(component.getHttpClient().getMaxRetries()).isEqualTo(1);
        assertThat(component.getHttpClient().getMaxConnectionsPerDestination()).isEqualTo(7);
        assertThat(bed.journal()).isEmpty();
    }

    @Test
    void aClientNeedsTheComponentRegisteredFirst() {
        DefaultCamelContext camel = new DefaultCamelContext();
        assertThatThrownBy(() -> new SalesforceClient(camel, "salesforce-eu", CallPolicy.direct()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salesforce-eu");
    }
}
