package io.stagesync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import io.stagesync.stage.ConditionCompiler;
import io.stagesync.stage.FieldDeclaration;
import io.stagesync.stage.FieldType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.LifecycleStrategySupport;
import org.junit.jupiter.api.Test;

/**
 * The protobuf conflict is settled: the real camel-salesforce Pub/Sub consumer (stubs built with protobuf 3) receives
 * the simulator's change events over gRPC, and a stage condition in CEL (which needs protobuf-java 4) evaluates, in
 * one JVM on the one protobuf-java the build resolves.
 */
class PubSubConsumerAndCelRuleInOneJvmTest {

    @Test
    void aChangeEventReachesTheCamelConsumerWhileACelRuleEvaluates() throws Exception {
        try (SalesforceSimulator salesforce = new SalesforceSimulator().start();
             DefaultCamelContext camel = new DefaultCamelContext()) {
            SalesforceComponent component = new SalesforceComponent();
            SalesforceLoginConfig login = new SalesforceLoginConfig();
            login.setLoginUrl(salesforce.baseUrl());
            login.setClientId(SalesforceSimulator.CLIENT_ID);
            login.setClientSecret(salesforce.env().get(SalesforceSimulator.ENV_CLIENT_SECRET));
            login.setUserName(SalesforceSimulator.USERNAME);
            login.setPassword(salesforce.env().get(SalesforceSimulator.ENV_PASSWORD));
            login.setType(AuthenticationType.USERNAME_PASSWORD);
            login.setLazyLogin(false);
            component.setLoginConfig(login);
            component.setPubSubHost("127.0.0.1");
            component.setPubSubPort(salesforce.pubSub().port());
            component.setPubsubAllowUseSystemProxy(false);
            camel.addComponent("salesforce-cdc", component);
            camel.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onServiceAdd(org.apache.camel.CamelContext context, org.apache.camel.Service service,
                                         org.apache.camel.Route route) {
                    if (service instanceof PubSubApiConsumer consumer) {
                        consumer.setUsePlainTextConnection(true);
                    }
                }
            });
            List<Exchange> received = new CopyOnWriteArrayList<>();
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("salesforce-cdc:pubSubSubscribe:/data/AccountChangeEvent?pubSubDeserializeType=GENERIC_RECORD")
                            .process(received::add);
                }
            });
            camel.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> salesforce.pubSub().activeSubscriptions() == 1);

            String id = salesforce.create("Account", Map.of("Name", "Acme"));

            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
            GenericRecord event = received.get(0).getMessage().getBody(GenericRecord.class);
            GenericRecord header = (GenericRecord) event.get("ChangeEventHeader");
            assertThat(header.get("changeType").toString()).isEqualTo("CREATE");
            assertThat(((List<?>) header.get("recordIds")).stream().map(Object::toString)).containsExactly(id);
            assertThat(event.get("Name").toString()).isEqualTo("Acme");
            assertThat(received.get(0).getMessage().getHeader("CamelSalesforcePubSubReplayId", String.class)).isNotBlank();

            var rule = new ConditionCompiler(List.of(new FieldDeclaration("score", FieldType.INT)))
                    .compile("score >= 50");
            assertThat(rule.succeeded()).isTrue();
            assertThat(rule.condition().evaluate(Map.of("score", 70L)).held()).isTrue();
            assertThat(Message.class.getProtectionDomain().getCodeSource().getLocation().toString())
                    .contains("protobuf-java-4.");
        }
    }
}
