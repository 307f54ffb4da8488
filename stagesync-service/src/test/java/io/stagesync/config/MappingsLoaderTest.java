package io.stagesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.mapping.OwnershipRule;
import io.stagesync.mapping.PersonPreference;
import io.stagesync.mapping.SalesOrderTarget;
import io.stagesync.mapping.SyncMappings;
import io.stagesync.model.EntityType;
import io.stagesync.model.SystemObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/mappings: the shipped object mappings and ownership rules, and the mistakes reported. */
class MappingsLoaderTest {
    @TempDir
    Path config;

    @Test
    void theShippedMappingsAreValid() {
        List<ConfigError> errors = new ArrayList<>();
        SyncMappings mappings = new MappingsLoader().load(Path.of("config"), errors);

        assertThat(errors).isEmpty();
        assertThat(mappings.objectsOf("salesforce")).extracting(m -> m.object()).containsExactly("Account", "Lead",
                "Contact", "Opportunity");
        assertThat(mappings.find("salesforce", "Lead").orElseThrow().create().allows("LEAD", java.util.Set.of()))
                .as("a lead is handed to Salesforce at MQL, not before").isFalse();
        assertThat(mappings.find("salesforce", "Lead").orElseThrow().create().allows("MQL", java.util.Set.of())).isTrue();
        assertThat(mappings.find("salesforce", "Lead").orElseThrow().create().allows("MQL",
                java.util.Set.of("salesforce Contact", "pardot prospect"))).as("no Lead for a person who is a Contact").isFalse();
        assertThat(mappings.find("salesforce", "Contact").orElseThrow().create().allows("CUSTOMER", java.util.Set.of()))
                .isFalse();
        assertThat(mappings.find("netsuite", "contact").orElseThrow().create()
                .allows(null, java.util.Set.of("salesforce Contact"))).isTrue();
        assertThat(mappings.find("pardot", "prospect").orElseThrow().createKey()).isEqualTo("email");
        assertThat(mappings.find("netsuite", "opportunity").orElseThrow().bySystemField("PROJECTEDTOTAL"))
                .hasValueSatisfying(f -> assertThat(f.canonicalField()).isEqualTo("amount"));
        assertThat(mappings.find("salesforce", "Opportunity").orElseThrow().linkField("netsuite")).contains("NetSuite_Id__c");
        assertThat(mappings.ownership(EntityType.DEAL, "amount")).isEqualTo(OwnershipRule.owner("salesforce"));
        assertThat(mappings.ownership(EntityType.DEAL, "unlisted")).isEqualTo(OwnershipRule.NEWEST);
        assertThat(mappings.counterparts("salesforce", EntityType.ACCOUNT)).extracting(m -> m.label())
                .containsExactly("netsuite customer");
        assertThat(mappings.find("eloqua", "contact").orElseThrow().bySystemField("leadScore"))
                .hasValueSatisfying(f -> assertThat(f.readOnly()).isTrue());
        assertThat(mappings.find("salesforce", "Lead").orElseThrow().filter())
                .as("a converted Lead lives on as its Contact").containsExactly(java.util.Map.entry("IsConverted", false));
        assertThat(mappings.find("eloqua", "contact").orElseThrow().bySystemField("isSubscribed"))
                .hasValueSatisfying(f -> {
                    assertThat(f.canonicalField()).isEqualTo("emailOptOut");
                    assertThat(f.negated()).isTrue();
                    assertThat(f.readOnly()).as("stagesync never (un)subscribes anyone in Eloqua").isTrue();
                });
        assertThat(mappings.find("salesforce", "Contact").orElseThrow().filter()).isEmpty();
        assertThat(mappings.salesOrders()).as("won deals' sales orders go to NetSuite for its customer")
                .contains(new SalesOrderTarget("netsuite", "salesOrder", "customer"));
        assertThat(mappings.personPreference().objects()).containsExactly(
                new SystemObject("salesforce", "Contact"),
                new SystemObject("salesforce", "Lead"));
        assertThat(mappings.personPreference().idSystem()).isEqualTo("salesforce");
    }

    @Test
    void withoutSalesOrdersOrASameEmailEntryThereAreNone() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Files.writeString(dir.resolve("netsuite.yaml"), """
                objects:
                  customer:
                    entity: account
                    fields:
                      companyName: name
                """);
        Files.writeString(dir.resolve("ownership.yaml"), "default: newest\n");

        List<ConfigError> errors = new ArrayList<>();
        SyncMappings mappings = new MappingsLoader().load(config, errors);

        assertThat(errors).isEmpty();
        assertThat(mappings.salesOrders()).isEmpty();
        assertThat(mappings.personPreference().objects()).isEmpty();
    }

    @Test
    void salesOrdersMustNameANewRecordTypeAndAnAccountObjectOfTheirFileInOneFileOnly() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Path netsuite = Files.writeString(dir.resolve("netsuite.yaml"), """
                objects:
                  customer:
                    entity: account
                    fields:
                      companyName: name
                  contact:
                    entity: person
                    fields:
                      email: email
                sales-orders:
                  object: customer
                  customer: contact
                  memo: won
                """);
        Path salesforce = Files.writeString(dir.resolve("salesforce.yaml"), """
                objects:
                  Account:
                    entity: account
                    fields:
                      Name: name
                sales-orders:
                  object: Order
                  customer: Account
                """);
        Path pardot = Files.writeString(dir.resolve("pardot.yaml"), """
                objects:
                  prospect:
                    entity: person
                    fields:
                      email: email
                sales-orders:
                  customer: account
                """);

        List<ConfigError> errors = new ArrayList<>();
        SyncMappings mappings = new MappingsLoader().load(config, errors);

        assertThat(errors).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                netsuite + ":13: sales-orders: unknown key 'memo' (expected one of: customer, object)",
                netsuite + ":11: sales-orders.object: 'customer' is an object this file maps under 'objects'; a sales "
                        + "order is a record type of its own (e.g. salesOrder)",
                netsuite + ":12: sales-orders.customer: 'contact' is not an account object this file maps (its account "
                        + "objects: customer)",
                pardot + ":7: sales-orders: missing 'object'",
                pardot + ":7: sales-orders.customer: 'account' is not an account object this file maps (it maps none)");
        assertThat(mappings.salesOrders()).contains(new SalesOrderTarget("salesforce", "Order", "Account"));

        Files.writeString(netsuite, """
                objects:
                  customer:
                    entity: account
                    fields:
                      companyName: name
                sales-orders:
                  object: salesOrder
                  customer: customer
                """);
        errors.clear();
        mappings = new MappingsLoader().load(config, errors);

        assertThat(errors).extracting(ConfigError::toString).contains(salesforce + ":6: sales-orders: sales orders go "
                + "to one system only; " + netsuite + " declares 'sales-orders' already");
        assertThat(mappings.salesOrders()).contains(new SalesOrderTarget("netsuite", "salesOrder", "customer"));
    }

    @Test
    void theSameEmailPreferenceNamesMappedPersonObjectsOnce() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Files.writeString(dir.resolve("salesforce.yaml"), """
                objects:
                  Account:
                    entity: account
                    fields:
                      Name: name
                  Contact:
                    entity: person
                    fields:
                      Email: email
                """);
        Path ownership = Files.writeString(dir.resolve("ownership.yaml"), """
                default: newest
                same-email: [salesforce Contact, salesforce Lead, salesforce Account, Contact, salesforce Contact]
                """);

        List<ConfigError> errors = new ArrayList<>();
        SyncMappings mappings = new MappingsLoader().load(config, errors);

        String known = " is not a person object of a mapping file (expected 'SYSTEM Object', one of: salesforce Contact)";
        assertThat(errors).extracting(ConfigError::toString).containsExactly(
                ownership + ":2: same-email: 'salesforce Lead'" + known,
                ownership + ":2: same-email: 'salesforce Account'" + known,
                ownership + ":2: same-email: 'Contact'" + known,
                ownership + ":2: same-email: 'salesforce Contact' is listed twice");
        assertThat(mappings.personPreference().objects())
                .containsExactly(new SystemObject("salesforce", "Contact"));

        Files.writeString(ownership, "same-email: salesforce Contact\n");
        errors.clear();
        new MappingsLoader().load(config, errors);

        assertThat(errors).extracting(ConfigError::toString).containsExactly(ownership + ":1: same-email: "
                + "'same-email' must be a list of person objects as 'SYSTEM Object', e.g. [salesforce Contact, "
                + "salesforce Lead]");
    }

    @Test
    void aCanonicalFieldNameReservedForBookkeepingIsRefused() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Path netsuite = Files.writeString(dir.resolve("netsuite.yaml"), """
                objects:
                  customer:
                    entity: account
                    fields:
                      companyName: name
                      phone: ~phone
                      url: {canonical: "~seen.x"}
                """);

        List<ConfigError> errors = new ArrayList<>();
        new MappingsLoader().load(config, errors);

        assertThat(errors).extracting(ConfigError::toString).contains(
                netsuite + ":6: objects.customer.fields.phone: canonical field '~phone': a canonical field name must"
                        + " not start with '~' (reserved for the engine's bookkeeping)",
                netsuite + ":7: objects.customer.fields.url: canonical field '~seen.x': a canonical field name must"
                        + " not start with '~' (reserved for the engine's bookkeeping)");
    }

    @Test
    void aSalesforceIdInOnCreateOrAFilterMustCarryTheRightCaseChecksum() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Path salesforce = Files.writeString(dir.resolve("salesforce.yaml"), """
                objects:
                  Lead:
                    entity: person
                    filter:
                      RecordTypeId: 012XX0000000001AAA
                    on-create:
                      OwnerId: 00GXX0000000001AAA
                      LeadSource: Web
                    fields:
                      Email: email
                  Contact:
                    entity: person
                    on-create:
                      OwnerId: 005XX000001Sv6e
                      RecordTypeId: 012XX0000000001YAA
                    fields:
                      Email: email
                  Account:
                    entity: account
                    on-create:
                      OwnerId: queue-of-new-leads
                    fields:
                      Name: name
                """);

        List<ConfigError> errors = new ArrayList<>();
        new MappingsLoader().load(config, errors);

        assertThat(errors).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                salesforce + ":5: objects.Lead.filter.RecordTypeId: '012XX0000000001AAA' is not a valid Salesforce id: its"
                        + " last 3 characters encode the case of the first 15 and must be YAA (012XX0000000001YAA); copy the"
                        + " id from Salesforce rather than typing it",
                salesforce + ":7: objects.Lead.on-create.OwnerId: '00GXX0000000001AAA' is not a valid Salesforce id: its"
                        + " last 3 characters encode the case of the first 15 and must be 2AA (00GXX00000000012AA); copy the"
                        + " id from Salesforce rather than typing it",
                salesforce + ":21: objects.Account.on-create.OwnerId: 'queue-of-new-leads' is not a Salesforce id (15 or"
                        + " 18 letters and digits)");
    }

    @Test
    void negateIsForBoolCanonicalFieldsOnly() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Path eloqua = Files.writeString(dir.resolve("eloqua.yaml"), """
                objects:
                  contact:
                    entity: person
                    fields:
                      isSubscribed: {canonical: emailOptOut, negate: true}
                      isBounceback: {canonical: email, negate: true}
                """);

        List<ConfigError> errors = new ArrayList<>();
        SyncMappings mappings = new MappingsLoader().load(config, ShippedModelHolder.MODEL, errors);

        assertThat(errors).extracting(ConfigError::toString).containsExactly(eloqua + ":6: objects.contact.fields"
                + ".isBounceback: negate needs a bool canonical field (declared as bool under fields in"
                + " stage-model.yaml), not 'email'");
        assertThat(mappings.find("eloqua", "contact").orElseThrow().bySystemField("isSubscribed"))
                .hasValueSatisfying(f -> assertThat(f.negated()).isTrue());
    }

    /** The shipped stage model, for checks against its field declarations. */
    private static final class ShippedModelHolder {
        static final io.stagesync.stage.StageModel MODEL = new StageModelLoader().load(Path.of("config"));
    }

    @Test
    void aFilterIsForSalesforceObjectsOnlyAndACreateConditionNamesASystemObject() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Path salesforce = Files.writeString(dir.resolve("salesforce.yaml"), """
                objects:
                  Lead:
                    entity: person
                    filter:
                      IsConverted: false
                      "Status OR Id": x
                      LeadSource: [Web]
                    create:
                      unless: Contact
                    fields:
                      Email: email
                """);
        Path pardot = Files.writeString(dir.resolve("pardot.yaml"), """
                objects:
                  prospect:
                    entity: person
                    filter:
                      isDeleted: false
                    fields:
                      email: email
                """);

        List<ConfigError> errors = new ArrayList<>();
        SyncMappings mappings = new MappingsLoader().load(config, errors);

        assertThat(errors).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                salesforce + ":6: objects.Lead.filter.Status OR Id: 'Status OR Id' is not a field API name",
                salesforce + ":7: objects.Lead.filter.LeadSource: must be true, false or a text value (the record is"
                        + " synced only when the field equals it)",
                salesforce + ":9: objects.Lead.create.unless: expected 'SYSTEM Object', e.g. 'salesforce Contact'",
                pardot + ":5: objects.prospect.filter: only objects of a system whose query applies filters can be filtered (salesforce)");
        assertThat(mappings.find("salesforce", "Lead").orElseThrow().filter())
                .containsExactly(java.util.Map.entry("IsConverted", false));
    }

    @Test
    void everyMistakeIsReportedWithFileAndLine() throws IOException {
        Path dir = Files.createDirectories(config.resolve("mappings"));
        Path netsuite = Files.writeString(dir.resolve("netsuite.yaml"), """
                objects:
                  customer:
                    entity: company
                    fields:
                      companyName: name
                  contact:
                    entity: person
                    fields:
                      company: {canonical: accountId, ref: customr}
                    links:
                      netsuite: externalId
                """);
        Path ownership = Files.writeString(dir.resolve("ownership.yaml"), """
                default: latest
                deal:
                  amount: salesforce
                """);

        List<ConfigError> errors = new ArrayList<>();
        new MappingsLoader().load(config, errors);

        assertThat(errors).extracting(ConfigError::toString).containsExactlyInAnyOrder(
                netsuite + ":3: objects.customer: unknown entity 'company' (expected: person, account, deal)",
                netsuite + ":9: objects.contact.fields.company: reference to unknown object 'customr' (objects of this "
                        + "system: customer, contact)",
                netsuite + ":11: objects.contact.links: 'netsuite' is not another system (expected one of: eloqua, "
                        + "netsuite, pardot, salesforce, not netsuite)",
                ownership + ":1: default: unknown ownership rule 'latest' (expected a system name, newest or only-if-blank)");
    }
}
