package io.stagesync.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The fictional company the sandbox seeds into its simulators: campaigns with costs, accounts, a few hundred
 * people spread over the funnel, and deals with amounts. Generated from a seed, so every sandbox run starts
 * from the same data. Every name is invented and every address is under the reserved {@code .example} domain.
 *
 * <p>Where each record lives says how the company works before stagesync: marketing leads only in their
 * marketing tool (Pardot or Eloqua), leads that sales works and customers' contacts in Salesforce, customers
 * also in NetSuite (linked by the Account's NetSuite id), deals in Salesforce.
 */
public record SampleCompany(List<Campaign> campaigns, List<Company> companies, List<Person> people,
                            List<Deal> deals) {
    /** The seed every sandbox uses. */
    public static final long DEFAULT_SEED = 20261128L;

    /** Where a person is kept before the first sync. */
    public enum Home {
        /** A Pardot prospect only. */
        PARDOT,
        /** An Eloqua contact only. */
        ELOQUA,
        /** A Salesforce Lead only. */
        SALESFORCE_LEAD,
        /**
         * A Salesforce Contact of a customer account or of an account with an open deal; with a campaign, also
         * a prospect of that campaign's tool (the same person, matched by email).
         */
        SALESFORCE_CONTACT
    }

    /** A marketing campaign of one marketing tool, with what it cost. */
    public record Campaign(String key, String name, Home tool, BigDecimal cost) {
    }

    /**
     * A company: a prospect, or a customer that is also in the ERP.
     *
     * @param stage the canonical stage the account is at (LEAD, OPPORTUNITY or CUSTOMER)
     */
    public record Company(String key, String name, String domain, String phone, String stage) {
        public boolean customer() {
            return "CUSTOMER".equals(stage);
        }

        public String website() {
            return "https://www." + domain;
        }
    }

    /**
     * A person.
     *
     * @param stage    the canonical stage the person is at
     * @param campaign nullable: the first-touch campaign (marketing people only)
     */
    public record Person(String key, String firstName, String lastName, String email, String phone, Company company,
                         Home home, String stage, int score, String grade, Campaign campaign, String lossReason) {
        public String fullName() {
            return firstName + " " + lastName;
        }
    }

    /**
     * A deal on a company.
     *
     * @param stageName the Salesforce Opportunity stage name it has now
     * @param type      the Salesforce Opportunity Type: {@value #NEW_CUSTOMER}, or {@value #RENEWAL} for a
     *                  customer's renewal (what the shipped stage model declares a renewal)
     */
    public record Deal(String key, String name, Company company, BigDecimal amount, LocalDate closeDate,
                       String stageName, String type) {
        public static final String NEW_CUSTOMER = "New Customer";
        public static final String RENEWAL = "Existing Customer - Renewal";

        public boolean renewal() {
            return RENEWAL.equals(type);
        }
    }

    private static final String[] FIRST = {"Avery", "Blake", "Casey", "Dana", "Eli", "Finley", "Gray", "Harper",
        "Indy", "Jules", "Kai", "Logan", "Morgan", "Noa", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Tatum",
        "Uma", "Val", "Wren", "Yael", "Zion", "Ari", "Bo", "Cam", "Devi", "Emery"};
    private static final String[] LAST = {"Abara", "Brennick", "Castellan", "Dunmore", "Eskew", "Farrow", "Galvane",
        "Holloway", "Ingram", "Jessup", "Kettering", "Larkspur", "Mayfair", "Norwood", "Oberlin", "Pendry",
        "Quillon", "Ravensby", "Stroud", "Thistle", "Underhill", "Vantreight", "Whitlock", "Yarrow", "Zeller"};
    private static final String[] PREFIX = {"Blue", "Cedar", "Copper", "Delta", "Ember", "Fern", "Granite", "Harbor",
        "Iron", "Juniper", "Kestrel", "Lumen", "Maple", "North", "Onyx", "Pine", "Quartz", "River", "Slate",
        "Tidal"};
    private static final String[] SUFFIX = {"Analytics", "Logistics", "Foods", "Robotics", "Health", "Energy",
        "Textiles", "Software", "Freight", "Labs"};
    private static final String[] LOSS = {"No budget this year", "Chose a competitor", "No decision maker reached",
        "Timing: revisit next quarter"};
    private static final String[] GRADES = {"A", "A-", "B+", "B", "B-", "C+", "C", "D"};

    /** The sample company for a seed; the same seed gives the same company. */
    public static SampleCompany generate(long seed) {
        Random random = new Random(seed);
        List<Campaign> campaigns = List.of(
                new Campaign("pardot-webinar", "Spring Webinar Series", Home.PARDOT, new BigDecimal("12000")),
                new Campaign("pardot-ebook", "Pricing Guide eBook", Home.PARDOT, new BigDecimal("4500")),
                new Campaign("pardot-trade-show", "Logistics Expo Booth", Home.PARDOT, new BigDecimal("38000")),
                new Campaign("eloqua-paid-search", "Paid Search Q4", Home.ELOQUA, new BigDecimal("21000")),
                new Campaign("eloqua-newsletter", "Monthly Newsletter", Home.ELOQUA, new BigDecimal("1800")),
                new Campaign("eloqua-roadshow", "Partner Roadshow", Home.ELOQUA, new BigDecimal("26000")));
        List<Company> companies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (companies.size() < 60) {
            String name = PREFIX[random.nextInt(PREFIX.length)] + " " + SUFFIX[random.nextInt(SUFFIX.length)];
            if (!names.add(name)) {
                continue;
            }
            int n = companies.size();
            String stage = n < 18 ? "CUSTOMER" : n < 34 ? "OPPORTUNITY" : "LEAD";
            companies.add(new Company("co-" + (n + 1), name, name.toLowerCase(Locale.ROOT).replace(' ', '-')
                    + ".example", phone(random), stage));
        }
        List<Person> people = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        addPeople(people, emails, random, companies, campaigns, Home.PARDOT, "LEAD", 90, 5, 45);
        addPeople(people, emails, random, companies, campaigns, Home.ELOQUA, "LEAD", 70, 5, 45);
        addPeople(people, emails, random, companies, campaigns, Home.PARDOT, "LEAD", 14, 52, 88);
        addPeople(people, emails, random, companies, campaigns, Home.ELOQUA, "LEAD", 10, 52, 88);
        addPeople(people, emails, random, companies, campaigns, Home.SALESFORCE_LEAD, "LEAD", 20, 5, 30);
        addPeople(people, emails, random, companies, campaigns, Home.SALESFORCE_LEAD, "MQL", 24, 55, 90);
        addPeople(people, emails, random, companies, campaigns, Home.SALESFORCE_LEAD, "SAL", 14, 60, 95);
        addPeople(people, emails, random, companies, campaigns, Home.SALESFORCE_LEAD, "SAL", 8, 50, 59);
        addPeople(people, emails, random, companies, campaigns, Home.SALESFORCE_LEAD, "SQL", 14, 60, 95);
        addPeople(people, emails, random, companies, campaigns, Home.SALESFORCE_LEAD, "DISQUALIFIED", 8, 20, 70);
        addPeople(people, emails, random, companies, campaigns, Home.SALESFORCE_CONTACT, "CUSTOMER", 36, 40, 90);
        addBuyers(people, emails, random, companies, campaigns);
        List<Deal> deals = new ArrayList<>();
        String[] openStages = {"Prospecting", "Qualification", "Needs Analysis", "Proposal/Price Quote",
            "Negotiation/Review"};
        for (Company company : companies) {
            if (company.stage().equals("OPPORTUNITY")) {
                deals.add(deal(deals.size(), company, openStages[random.nextInt(openStages.length)], random,
                        "New business", Deal.NEW_CUSTOMER));
            } else if (company.customer() && deals.size() % 3 == 0) {
                deals.add(deal(deals.size(), company, "Negotiation/Review", random, "Renewal", Deal.RENEWAL));
            } else if (company.customer()) {
                deals.add(deal(deals.size(), company, "Closed Won", random, "First order", Deal.NEW_CUSTOMER));
            }
        }
        return new SampleCompany(campaigns, List.copyOf(companies), List.copyOf(people), List.copyOf(deals));
    }

    private static Deal deal(int n, Company company, String stageName, Random random, String kind, String type) {
        BigDecimal amount = BigDecimal.valueOf(5_000L + 500L * random.nextInt(180));
        return new Deal("deal-" + (n + 1), company.name() + " - " + kind, company, amount,
                LocalDate.of(2026, 12, 1).plusDays(random.nextInt(90)), stageName, type);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void addPeople(List<Person> people, Set<String> emails, Random random, List<Company> companies,
                                  List<Campaign> campaigns, Home home, String stage, int count, int minScore,
                                  int maxScore) {
        List<Company> eligible = companies.stream().filter(c -> home == Home.SALESFORCE_CONTACT ? c.customer()
                : !c.customer()).toList();
        List<Campaign> tools = campaigns.stream().filter(c -> c.tool() == home).toList();
        for (int i = 0; i < count; i++) {
            String first;
            String last;
            Company company;
            String email;
            do {
                first = FIRST[random.nextInt(FIRST.length)];
                last = LAST[random.nextInt(LAST.length)];
                company = eligible.get(random.nextInt(eligible.size()));
                email = (first + "." + last).toLowerCase(Locale.ROOT) + "@" + company.domain();
            } while (!emails.add(email));
            int score = minScore + random.nextInt(maxScore - minScore + 1);
            Campaign campaign = tools.isEmpty() ? null : tools.get(random.nextInt(tools.size()));
            String loss = stage.equals("DISQUALIFIED") ? LOSS[random.nextInt(LOSS.length)] : null;
            people.add(new Person("p-" + (people.size() + 1), first, last, email, phone(random), company, home, stage,
                    score, GRADES[random.nextInt(GRADES.length)], campaign, loss));
        }
    }

    /**
     * One buyer per company with an open deal: a Salesforce Contact of that account who first came through a
     * marketing campaign, so also a prospect of that campaign's tool (same email). A won deal's amount is
     * attributed to that campaign (campaign ROI).
     */
    private static void addBuyers(List<Person> people, Set<String> emails, Random random, List<Company> companies,
                                  List<Campaign> campaigns) {
        for (Company company : companies.stream().filter(c -> c.stage().equals("OPPORTUNITY")).toList()) {
            String first;
            String last;
            String email;
            do {
                first = FIRST[random.nextInt(FIRST.length)];
                last = LAST[random.nextInt(LAST.length)];
                email = (first + "." + last).toLowerCase(Locale.ROOT) + "@" + company.domain();
            } while (!emails.add(email));
            people.add(new Person("p-" + (people.size() + 1), first, last, email, phone(random), company,
                    Home.SALESFORCE_CONTACT, "OPPORTUNITY", 60 + random.nextInt(40),
                    GRADES[random.nextInt(3)], campaigns.get(random.nextInt(campaigns.size())), null));
        }
    }

    private static String phone(Random random) {
        return "+1 555 01" + String.format(Locale.ROOT, "%02d", random.nextInt(100));
    }

    /** The people kept in one place at one stage, in seed order. */
    public List<Person> people(Home home, String stage) {
        return people.stream().filter(p -> p.home() == home && p.stage().equals(stage)).toList();
    }

    /** The deals whose Salesforce stage is this one, in seed order. */
    public List<Deal> deals(String stageName) {
        return deals.stream().filter(d -> d.stageName().equals(stageName)).toList();
    }
}
