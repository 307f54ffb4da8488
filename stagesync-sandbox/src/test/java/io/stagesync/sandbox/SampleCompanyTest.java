package io.stagesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.sandbox.SampleCompany.Home;
import io.stagesync.sandbox.SampleCompany.Person;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SampleCompanyTest {
    private final SampleCompany company = SampleCompany.generate(SampleCompany.DEFAULT_SEED);

    @Test
    void the_same_seed_gives_the_same_company_and_another_seed_another() {
        assertThat(SampleCompany.generate(SampleCompany.DEFAULT_SEED)).isEqualTo(company);
        assertThat(SampleCompany.generate(1L).people()).isNotEqualTo(company.people());
    }

    @Test
    void a_few_hundred_people_over_every_home_and_the_funnel_stages_with_unique_invented_addresses() {
        assertThat(company.people()).hasSizeBetween(200, 400);
        assertThat(company.people().stream().map(Person::home).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Home.values());
        assertThat(company.people().stream().map(Person::stage).collect(Collectors.toSet()))
                .contains("LEAD", "MQL", "SAL", "SQL", "DISQUALIFIED", "CUSTOMER");
        Set<String> emails = company.people().stream().map(Person::email).collect(Collectors.toSet());
        assertThat(emails).hasSameSizeAs(company.people()).allMatch(e -> e.matches("[a-z]+\\.[a-z]+@[a-z-]+\\.example"));
        assertThat(company.companies()).allMatch(c -> c.domain().endsWith(".example"));
    }

    @Test
    void customers_contacts_live_in_salesforce_at_customer_accounts_and_marketing_people_carry_their_tools_campaign() {
        assertThat(company.people(Home.SALESFORCE_CONTACT, "CUSTOMER")).isNotEmpty()
                .allMatch(p -> p.company().customer());
        assertThat(company.people()).filteredOn(p -> p.home() == Home.PARDOT || p.home() == Home.ELOQUA)
                .allMatch(p -> p.campaign() != null && p.campaign().tool() == p.home());
        assertThat(company.people(Home.SALESFORCE_CONTACT, "OPPORTUNITY")).as("one campaign-sourced buyer per open deal")
                .hasSameSizeAs(company.companies().stream().filter(c -> c.stage().equals("OPPORTUNITY")).toList())
                .allMatch(p -> p.campaign() != null && p.company().stage().equals("OPPORTUNITY"));
        assertThat(company.people(Home.SALESFORCE_LEAD, "DISQUALIFIED")).allMatch(p -> p.lossReason() != null);
    }

    @Test
    void every_campaign_has_a_cost_and_every_deal_an_amount_and_close_date() {
        assertThat(company.campaigns()).hasSize(6).allMatch(c -> c.cost().signum() > 0);
        assertThat(company.deals()).isNotEmpty().allMatch(d -> d.amount().signum() > 0 && d.closeDate() != null);
        assertThat(company.deals("Closed Won")).isNotEmpty().allMatch(d -> d.company().customer());
    }

    @Test
    void there_are_enough_people_for_several_rounds_of_the_story() {
        java.util.List<Person> sals = company.people(Home.SALESFORCE_LEAD, "SAL");
        assertThat(SandboxStory.disqualifiable(sals)).as("SAL people below the re-qualification score").hasSizeGreaterThan(2);
        assertThat(SandboxStory.qualifiable(sals)).hasSizeGreaterThan(2);
        assertThat(company.people(Home.SALESFORCE_LEAD, "MQL")).hasSizeGreaterThanOrEqualTo(9);
    }
}
