package io.stagesync.sandbox;

import io.stagesync.sandbox.SampleCompany.Deal;
import io.stagesync.sandbox.SampleCompany.Home;
import io.stagesync.sandbox.SampleCompany.Person;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scripted story the sandbox plays, one round at a time, each round with other people of the
 * {@link SampleCompany}. Every step is a change a user makes in one system (a prospect engages, a rep moves a
 * Lead, a deal closes, finance marks a churn); stagesync does the rest, so the handoffs, the refused handoff,
 * the recycling, the won deal's sales order and the dead letter all come from the real engine.
 *
 * <p>A round, in order: two marketing people score up (MQL, handed to Salesforce); a rep accepts two MQLs
 * (SAL); a rep moves a low-score lead to SAL (refused: held, a violation); one SAL is qualified with BANT
 * (SQL), an account executive takes over an SQL (OPPORTUNITY), and one SAL is disqualified (recycled to NURTURE in marketing); a recycled person engages again (back to MQL);
 * one deal is won (customer + sales order in NetSuite), one lost; a renewal is won; finance marks a customer
 * lost (churn); a rep picks a Lead status the stage model does not know (a dead letter).
 */
final class SandboxStory implements ScriptPlayer.Story {
    private final SandboxWorld world;
    private final SampleCompany company;

    SandboxStory(SandboxWorld world, SampleCompany company) {
        this.world = world;
        this.company = company;
    }

    @Override
    public List<ScriptStep> round(int round) {
        List<ScriptStep> steps = new ArrayList<>();
        List<Person> pardotLeads = lowScore(company.people(Home.PARDOT, "LEAD"));
        List<Person> eloquaLeads = lowScore(company.people(Home.ELOQUA, "LEAD"));
        List<Person> mqls = company.people(Home.SALESFORCE_LEAD, "MQL");
        List<Person> sals = company.people(Home.SALESFORCE_LEAD, "SAL");
        List<Person> lowLeads = company.people(Home.SALESFORCE_LEAD, "LEAD");
        List<Person> disqualified = company.people(Home.SALESFORCE_LEAD, "DISQUALIFIED");
        List<Deal> open = openDeals(company);
        List<Deal> renewals = company.deals().stream().filter(d -> d.company().customer()
                && !d.stageName().equals("Closed Won")).toList();
        List<SampleCompany.Company> customers = company.companies().stream()
                .filter(SampleCompany.Company::customer).toList();
        if (3 * round + 2 >= mqls.size() || 2 * round + 1 >= open.size()) {
            return List.of();
        }
        at(pardotLeads, round).ifPresent(p -> steps.add(scoreUp(p, 64)));
        at(eloquaLeads, round).ifPresent(p -> steps.add(scoreUp(p, 71)));
        Person accepted = mqls.get(3 * round);
        steps.add(lead(accepted, "a rep accepts " + accepted.fullName() + " (Status Working - Contacted)",
                Map.of("Status", "Working - Contacted")));
        Person acceptedToo = mqls.get(3 * round + 1);
        steps.add(lead(acceptedToo, "a rep accepts " + acceptedToo.fullName() + " (Status Working - Contacted)",
                Map.of("Status", "Working - Contacted")));
        at(lowLeads, round).ifPresent(p -> steps.add(lead(p, "a rep moves " + p.fullName() + " (score " + p.score()
                + ") to Working - Contacted: the handoff needs score >= 50, so stagesync holds it",
                Map.of("Status", "Working - Contacted"))));
        at(qualifiable(sals), round).ifPresent(p -> steps.add(lead(p, "a rep qualifies " + p.fullName()
                + " with budget, authority and need confirmed (Status Sales Qualified)", Map.of(
                "Budget_Confirmed__c", true, "Authority_Confirmed__c", true, "Need_Confirmed__c", true,
                "Status", "Sales Qualified"))));
        at(company.people(Home.SALESFORCE_LEAD, "SQL"), round).ifPresent(p -> steps.add(lead(p, "an account "
                + "executive takes over " + p.fullName() + ", budget and timeline confirmed (Status Closed - Converted)",
                Map.of("Status", "Closed - Converted"))));
        at(disqualifiable(sals), round).ifPresent(p -> steps.add(lead(p, "a rep disqualifies " + p.fullName()
                + " (no budget): marketing gets them back to nurture", Map.of("Status", "Closed - Not Converted",
                "Loss_Reason__c", "No budget this year"))));
        at(disqualified, round).ifPresent(p -> steps.add(scoreUp(p, 68)));
        Deal won = open.get(2 * round);
        steps.add(deal(won, "Closed Won", null));
        Deal lost = open.get(2 * round + 1);
        steps.add(deal(lost, "Closed Lost", "Chose a competitor"));
        at(renewals, round).ifPresent(d -> steps.add(deal(d, "Closed Won", null)));
        at(customers, customers.size() - 1 - round).ifPresent(c -> steps.add(new ScriptStep(
                "NetSuite: finance marks " + c.name() + " as a lost customer (churn)",
                () -> world.netsuiteMarksLostCustomer(c))));
        Person odd = mqls.get(3 * round + 2);
        steps.add(lead(odd, "a rep sets " + odd.fullName() + "'s Lead status to 'Recycled', which the stage model "
                + "does not map: stagesync dead-letters that change", Map.of("Status", "Recycled")));
        return steps;
    }

    /** The new-business deals of prospects, in seed order: the story wins the even ones, loses the odd ones. */
    static List<Deal> openDeals(SampleCompany company) {
        return company.deals().stream().filter(d -> d.company().stage().equals("OPPORTUNITY")).toList();
    }

    /**
     * The SAL people a rep disqualifies: below the re-qualification score (60), so recycling leaves them in
     * NURTURE; with a higher score they would come straight back as MQL.
     */
    static List<Person> disqualifiable(List<Person> sals) {
        return sals.stream().filter(p -> p.score() < 60).toList();
    }

    /** The SAL people a rep qualifies (the others of {@link #disqualifiable}). */
    static List<Person> qualifiable(List<Person> sals) {
        return sals.stream().filter(p -> p.score() >= 60).toList();
    }

    private static List<Person> lowScore(List<Person> people) {
        return people.stream().filter(p -> p.score() < 50).toList();
    }

    private static <T> java.util.Optional<T> at(List<T> list, int index) {
        return index >= 0 && index < list.size() ? java.util.Optional.of(list.get(index)) : java.util.Optional.empty();
    }

    private ScriptStep scoreUp(Person person, int score) {
        return new ScriptStep(world.marketingToolOf(person) + ": " + person.fullName() + " engages again (score "
                + person.score() + " -> " + score + ")", () -> world.marketingScoreRises(person, score));
    }

    private ScriptStep lead(Person person, String what, Map<String, Object> fields) {
        return new ScriptStep("Salesforce: " + what, () -> world.salesforceLeadEdited(person, fields));
    }

    private ScriptStep deal(Deal deal, String stageName, String lossReason) {
        String what = "Salesforce: " + deal.name() + " (" + deal.amount() + ") is " + stageName
                + (lossReason == null ? "" : ", reason: " + lossReason);
        return new ScriptStep(what, () -> world.salesforceDealClosed(deal, stageName, lossReason,
                LocalDate.now(java.time.ZoneOffset.UTC)));
    }
}
