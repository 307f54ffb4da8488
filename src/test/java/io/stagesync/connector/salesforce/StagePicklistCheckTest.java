package io.stagesync.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.config.StagesyncConfig;
import io.stagesync.stage.StageModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped stage mappings against a new org's picklists, read through sObject Describe with the
 * real camel-salesforce component ({@code GET /services/data/v62.0/sobjects/Lead/describe/}): a new org's Lead Status lacks the three values the shipped mapping
 * writes, and each is named with object, field, value and the stage whose moves Salesforce would refuse.
 */
class StagePicklistCheckTest {
    private static final StageModel SHIPPED = StagesyncConfig.load(Path.of("config"), Map.of()).model();

    private SalesforceTestBed bed;
    private SalesforceClient client;

    @BeforeEach
    void start() {
        bed = new SalesforceTestBed().stubLogin();
        for (String[] object : new String[][] {{"Lead", "describe-lead-new-org.json"},
                {"Opportunity", "describe-opportunity-new-org.json"}, {"Account", "describe-account-lifecycle.json"},
                {"Contact", "describe-contact-no-lifecycle.json"}}) {
            bed.server.stubFor(get(urlPathMatching(SalesforceTestBed.API + "/sobjects/" + object[0] + "/describe/?"))
                    .willReturn(okJson(bed.fixture(object[1]))));
        }
        client = bed.startPasswordFlow();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private List<String> messages(List<StagePicklistCheck.Finding> findings, boolean refusesWrites) {
        return findings.stream().filter(f -> f.refusesWrites() == refusesWrites).map(StagePicklistCheck.Finding::message)
                .toList();
    }

    @Test
    void aNewOrgsLeadStatusLacksTheThreeValuesTheShippedMappingWrites() {
        List<StagePicklistCheck.Finding> findings = StagePicklistCheck.check(SHIPPED.mappings(), client::describe);

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
                        + "stage there): create it (README \"Salesforce: what to set up\") or change the mapping",
                "salesforce Account.Lifecycle_Stage__c: value 'Churned' (written for CHURNED) is inactive in the org's "
                        + "picklist, so Salesforce will refuse every move to CHURNED stagesync writes there (a dead letter "
                        + "per record): add it to the picklist, or make mappings.salesforce Account write a value the org "
                        + "has for CHURNED (list it first for CHURNED, or under write:); the org has [Lead, MQL, SAL, SQL, "
                        + "Disqualified, Opportunity, Won, Lost, Customer, Nurture, Partner]");
        assertThat(messages(findings, false)).containsExactly(
                "salesforce Account.Lifecycle_Stage__c: the org's value 'Partner' is not in mappings.salesforce Account: a "
                        + "record set to it goes to the dead letters as not mapped; map it to a stage");
        assertThat(bed.server.findAll(getRequestedFor(urlPathMatching(SalesforceTestBed.API + "/sobjects/Lead/describe/?"))))
                .as("one Describe per object, with the session's bearer token").singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SalesforceTestBed.FIRST_TOKEN));
    }

    @Test
    void aDescribeThatFailsIsOneFindingSayingSoNotAnError() {
        bed.server.stubFor(get(urlPathMatching(SalesforceTestBed.API + "/sobjects/Opportunity/describe/?")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]")));

        List<StagePicklistCheck.Finding> findings = StagePicklistCheck.check(SHIPPED.mappings(), client::describe);

        assertThat(messages(findings, false)).anySatisfy(m -> assertThat(m).startsWith(
                "could not read the picklist of salesforce Opportunity.StageName to check it against mappings.salesforce "
                        + "(checked again at the next start): ").contains("NOT_FOUND"));
        assertThat(messages(findings, true)).as("the other objects are still checked").hasSize(5);
    }
}
