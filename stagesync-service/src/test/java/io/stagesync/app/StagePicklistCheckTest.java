package io.stagesync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stagesync.config.StagesyncConfig;
import io.stagesync.connector.SystemCallException;
import io.stagesync.stage.StageModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The shipped stage mappings against a new org's picklists, fed the sObject Describe answers of
 * {@code src/test/resources/salesforce/describe-*.json} (Salesforce's shape; see that folder's README): a new
 * org's Lead Status lacks the three values the shipped mapping writes, and each is named with object, field,
 * value and the stage whose moves Salesforce would refuse. How the Describe is fetched is
 * {@code SalesforceDescribeTest}'s subject; how the findings reach the log, {@code SalesforcePicklistCheckAtStartTest}'s.
 */
class StagePicklistCheckTest {
    private static final StageModel SHIPPED = StagesyncConfig.load(Path.of("config"), Map.of()).model();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NEW_ORG = Map.of("Lead", "describe-lead-new-org.json",
            "Opportunity", "describe-opportunity-new-org.json", "Account", "describe-account-lifecycle.json",
            "Contact", "describe-contact-no-lifecycle.json");

    private final List<String> described = new ArrayList<>();

    private JsonNode describe(String object) {
        described.add(object);
        try (InputStream in = StagePicklistCheckTest.class.getResourceAsStream("/salesforce/" + NEW_ORG.get(object))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(List<StagePicklistCheck.Finding> findings, boolean refusesWrites) {
        return findings.stream().filter(f -> f.refusesWrites() == refusesWrites).map(StagePicklistCheck.Finding::message)
                .toList();
    }

    @Test
    void aNewOrgsLeadStatusLacksTheThreeValuesTheShippedMappingWrites() {
        List<StagePicklistCheck.Finding> findings = StagePicklistCheck.check("salesforce", SHIPPED.mappings(), this::describe);

        String orgValues = "[Open - Not Contacted, Working - Contacted, Closed - Converted, Closed - Not Converted]";
        assertThat(messages(findings, true)).containsExactly(
                "salesforce Lead.Status: value 'Marketing Qualified' (written for MQL) is not in the org's picklist, so "
                        + "Salesforce will refuse every move to MQL stagesync writes there (a dead letter per record): add it"
                        + " to the picklist, or make mappings.salesforce Lead write a value the org has for MQL (list it "
                        + "first for MQL, or under write:); the org has " + orgValues,
                "salesforce Lead.Status: value 'Sales Qualified' (written for SQL) is not in the org's picklist, so "
                        + "Salesforce will refuse every move to SQL stagesync writes there (a dead letter per record): add it"
                        + " to the picklist, or make mappings.salesforce Lead write a value the org has for SQL (list it "
                        + "first for SQL, or under write:); the org has " + orgValues,
                "salesforce Lead.Status: value 'Nurturing' (written for NURTURE) is not in the org's picklist, so "
                        + "Salesforce will refuse every move to NURTURE stagesync writes there (a dead letter per record): "
                        + "add it to the picklist, or make mappings.salesforce Lead write a value the org has for NURTURE "
                        + "(list it first for NURTURE, or under write:); the org has " + orgValues,
                "salesforce Contact has no field Lifecycle_Stage__c (mappings.salesforce in stage-model.yaml keeps the "
                        + "stage there): create it (docs/connectors/salesforce.md, \"What to set up\") or change the mapping",
                "salesforce Account.Lifecycle_Stage__c: value 'Churned' (written for CHURNED) is inactive in the org's "
                        + "picklist, so Salesforce will refuse every move to CHURNED stagesync writes there (a dead letter "
                        + "per record): add it to the picklist, or make mappings.salesforce Account write a value the org "
                        + "has for CHURNED (list it first for CHURNED, or under write:); the org has [Lead, MQL, SAL, SQL, "
                        + "Disqualified, Opportunity, Won, Lost, Customer, Nurture, Partner]");
        assertThat(messages(findings, false)).as("the Opportunity stages are all a new org's; Partner is the org's own")
                .containsExactly("salesforce Account.Lifecycle_Stage__c: the org's value 'Partner' is not in "
                        + "mappings.salesforce Account: a record set to it goes to the dead letters as not mapped; map it to"
                        + " a stage");
        assertThat(described).as("one Describe per mapped Salesforce object, none for the other systems")
                .containsExactly("Lead", "Opportunity", "Contact", "Account");
    }

    @Test
    void aDescribeThatFailsIsOneFindingSayingSoAndTheOtherObjectsAreStillChecked() {
        Function<String, JsonNode> opportunityRefused = object -> {
            if (object.equals("Opportunity")) {
                throw new SystemCallException("salesforce", "describe Opportunity", 404, "NOT_FOUND",
                        "The requested resource does not exist", null, false, null, null);
            }
            return describe(object);
        };

        List<StagePicklistCheck.Finding> findings = StagePicklistCheck.check("salesforce", SHIPPED.mappings(), opportunityRefused);

        assertThat(messages(findings, false)).contains("could not read the picklist of salesforce Opportunity.StageName to"
                + " check it against mappings.salesforce (checked again at the next start): salesforce describe "
                + "Opportunity failed with HTTP 404 NOT_FOUND: The requested resource does not exist");
        assertThat(messages(findings, true)).as("Lead's three, Contact's field, Account's Churned").hasSize(5);
    }

    @Test
    void aFieldThatIsNoPicklistOrHasNoValuesIsNotCompared() throws IOException {
        JsonNode textField = JSON.readTree("""
                {"name": "Account", "fields": [{"name": "Lifecycle_Stage__c", "type": "string", "picklistValues": []}]}""");
        JsonNode emptyPicklist = JSON.readTree("""
                {"name": "Account", "fields": [{"name": "Lifecycle_Stage__c", "type": "picklist", "picklistValues": []}]}""");
        List<io.stagesync.stage.StageMapping> account = SHIPPED.mappings().stream()
                .filter(m -> m.system().equals("salesforce") && m.object().equals("Account")).toList();

        assertThat(StagePicklistCheck.check("salesforce", account, object -> textField)).isEmpty();
        assertThat(StagePicklistCheck.check("salesforce", account, object -> emptyPicklist)).isEmpty();
    }
}
