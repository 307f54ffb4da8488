package io.stagesync.crash;

import io.stagesync.sandbox.netsuite.NetSuiteSimulator;
import io.stagesync.sandbox.pardot.PardotSimulator;
import io.stagesync.sandbox.salesforce.SalesforceSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The users of the three systems while the service is killed again and again: sales reps creating and editing
 * Accounts in Salesforce, Finance creating and editing customers in NetSuite, marketing creating prospects in
 * Pardot and raising their scores past the MQL threshold. It keeps what every record should end up as.
 *
 * <p>The expectations follow config/mappings/ownership.yaml: an account's name is Salesforce's (so only
 * Salesforce edits it), its phone is "newest" (both sides edit it), its website "only-if-blank" (set once, at
 * creation). Every value written is new, so an old value found at the end is unambiguous. "Newest" is decided by
 * the sources' modification times, and NetSuite's have whole seconds: an edit on the other side of the one before
 * it therefore comes {@link #CROSS_SIDE_GAP} later, and only once that side shows the value before it (a user edits
 * what they see), so which edit is the newest is never a tie. Edits on one side may follow each other quickly.
 *
 * <p>Choices come from a seeded {@link Random}, so a seed replays the same sequence of decisions; which of them
 * find their record synced yet depends on timing. One thread: {@link #start()} runs it, {@link #stop()} ends it;
 * read {@link #accounts()} and {@link #prospects()} after {@link #stop()}.
 */
final class CrashWorkload {
    /** The least time between edits of one record's phone on different sides (NetSuite stamps whole seconds). */
    static final Duration CROSS_SIDE_GAP = Duration.ofMillis(2_500);
    /** The MQL threshold of config/stage-model.yaml (LEAD -> MQL: score >= 50). */
    static final int MQL_SCORE = 50;

    /** Where a record was created by its users. */
    enum Origin { SALESFORCE, NETSUITE }

    /** An account and what it should end up as on both sides; ids are filled as the sync creates them. */
    static final class Account {
        final int number;
        final Origin origin;
        String salesforceId;
        String netsuiteId;
        String name;
        String phone;
        final String website;
        String lastEditSide;
        long lastEditNanos;
        /** What the users did to it, one line per change with its time, for a failure's post-mortem. */
        final List<String> history = new ArrayList<>();

        Account(int number, Origin origin, String name, String phone, String website) {
            this.number = number;
            this.origin = origin;
            this.name = name;
            this.phone = phone;
            this.website = website;
        }

        @Override
        public String toString() {
            return "account #" + number + " (created in " + origin + ", Salesforce " + salesforceId + ", NetSuite "
                    + netsuiteId + ")";
        }
    }

    /** A prospect and whether it reached the MQL score (then it must become exactly one Salesforce Lead). */
    static final class Prospect {
        final long id;
        final String email;
        final String lastName;
        final String company;
        boolean qualified;

        Prospect(long id, String email, String lastName, String company, boolean qualified) {
            this.id = id;
            this.email = email;
            this.lastName = lastName;
            this.company = company;
            this.qualified = qualified;
        }

        @Override
        public String toString() {
            return "prospect " + id + " <" + email + ">";
        }
    }

    private final SalesforceSimulator salesforce;
    private final NetSuiteSimulator netsuite;
    private final PardotSimulator pardot;
    private final Random random;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Prospect> prospects = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;
    private int values;
    private int edits;

    CrashWorkload(VendorFakes fakes, long seed) {
        this.salesforce = fakes.salesforce();
        this.netsuite = fakes.netsuite();
        this.pardot = fakes.pardot();
        this.random = new Random(seed);
    }

    /** Creates the records that exist before stagesync first runs (none linked anywhere yet). */
    void seed(int salesforceAccounts, int netsuiteCustomers, int marketingProspects) {
        for (int i = 0; i < salesforceAccounts; i++) {
            createSalesforceAccount();
        }
        for (int i = 0; i < netsuiteCustomers; i++) {
            createNetSuiteCustomer();
        }
        for (int i = 0; i < marketingProspects; i++) {
            createProspect(false);
        }
    }

    /** Starts the users' thread: one change every 40-160 ms until {@link #stop()}. */
    void start() {
        running = true;
        thread = new Thread(() -> {
            try {
                while (running) {
                    step();
                    Thread.sleep(40 + random.nextInt(121));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "crash-test-users");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops the users and waits for the last change to be made.
     *
     * @throws IllegalStateException when a user's change failed (a simulator refused it: a test problem)
     */
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(30_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a user's change failed", failure.get());
        }
    }

    /** How many changes the users made after the seed. */
    int edits() {
        return edits;
    }

    List<Account> accounts() {
        return accounts;
    }

    List<Prospect> prospects() {
        return prospects;
    }

    private void step() {
        int roll = random.nextInt(100);
        if (roll < 30) {
            editPhone("salesforce");
        } else if (roll < 55) {
            editPhone("netsuite");
        } else if (roll < 70) {
            editName();
        } else if (roll < 76) {
            createSalesforceAccount();
            edits++;
        } else if (roll < 82) {
            createNetSuiteCustomer();
            edits++;
        } else if (roll < 94) {
            qualifyProspect();
        } else {
            createProspect(random.nextBoolean());
            edits++;
        }
    }

    private void createSalesforceAccount() {
        int number = accounts.size() + 1;
        Account account = new Account(number, Origin.SALESFORCE, "KN Account " + pad(number), nextPhone(),
                "https://kn-" + pad(number) + ".example");
        account.salesforceId = salesforce.create("Account", Map.of("Name", account.name, "Phone", account.phone,
                "Website", account.website, "Lifecycle_Stage__c", "Customer"));
        note(account, "salesforce created it, phone " + account.phone);
        accounts.add(account);
    }

    private void createNetSuiteCustomer() {
        int number = accounts.size() + 1;
        Account account = new Account(number, Origin.NETSUITE, "KN Customer " + pad(number), nextPhone(),
                "https://kn-" + pad(number) + ".example");
        account.netsuiteId = netsuite.create("customer", Map.of("companyName", account.name, "phone", account.phone,
                "url", account.website, "entityStatus", Map.of("id", "13")));
        note(account, "netsuite created it, phone " + account.phone);
        accounts.add(account);
    }

    private void createProspect(boolean qualified) {
        int number = prospects.size() + 1;
        String email = "kn-prospect-" + pad(number) + "@crash.example";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", email);
        fields.put("firstName", "Pat");
        fields.put("lastName", "Prospect " + pad(number));
        fields.put("company", "KN Prospect Co " + pad(number));
        fields.put("score", qualified ? MQL_SCORE + random.nextInt(40) : 10 + random.nextInt(30));
        fields.put("optedOut", false);
        fields.put("Lifecycle_Stage__c", "Lead");
        long id = pardot.createProspect(fields);
        prospects.add(new Prospect(id, email, (String) fields.get("lastName"), (String) fields.get("company"),
                qualified));
    }

    private void qualifyProspect() {
        List<Prospect> waiting = prospects.stream().filter(p -> !p.qualified).toList();
        if (waiting.isEmpty()) {
            return;
        }
        Prospect prospect = waiting.get(random.nextInt(waiting.size()));
        pardot.updateProspect(prospect.id, Map.of("score", MQL_SCORE + random.nextInt(40)));
        prospect.qualified = true;
        edits++;
    }

    private void editPhone(String side) {
        Account account = accounts.get(random.nextInt(accounts.size()));
        boolean otherSideBefore = account.lastEditSide != null && !account.lastEditSide.equals(side);
        if (otherSideBefore && System.nanoTime() - account.lastEditNanos < CROSS_SIDE_GAP.toNanos()) {
            return;
        }
        Optional<Map<String, Object>> record = record(account, side);
        String phoneField = side.equals("salesforce") ? "Phone" : "phone";
        if (record.isEmpty() || !Objects.equals(record.get().get(phoneField), account.phone)) {
            return; // not there yet, or the last change has not reached this side: the user sees something else
        }
        String phone = nextPhone();
        if (side.equals("salesforce")) {
            salesforce.update("Account", account.salesforceId, Map.of("Phone", phone));
        } else {
            netsuite.update("customer", account.netsuiteId, Map.of("phone", phone));
        }
        account.phone = phone;
        account.lastEditSide = side;
        account.lastEditNanos = System.nanoTime();
        note(account, side + " phone " + phone);
        edits++;
    }

    private void editName() {
        Account account = accounts.get(random.nextInt(accounts.size()));
        Optional<Map<String, Object>> record = record(account, "salesforce");
        if (record.isEmpty() || !Objects.equals(record.get().get("Name"), account.name)) {
            return;
        }
        String name = (account.origin == Origin.SALESFORCE ? "KN Account " : "KN Customer ") + pad(account.number)
                + " r" + (++values);
        salesforce.update("Account", account.salesforceId, Map.of("Name", name));
        account.name = name;
        note(account, "salesforce name " + name);
        edits++;
    }

    /** The account's record on one side as its users see it now, finding the id the sync gave it there. */
    private Optional<Map<String, Object>> record(Account account, String side) {
        if (side.equals("salesforce")) {
            if (account.salesforceId == null) {
                salesforce.find("Account", "NetSuite_Id__c", account.netsuiteId).stream().findFirst()
                        .ifPresent(r -> account.salesforceId = r.get("Id").toString());
            }
            return account.salesforceId == null ? Optional.empty() : salesforce.get("Account", account.salesforceId);
        }
        if (account.netsuiteId == null) {
            netsuite.getByExternalId("customer", account.salesforceId)
                    .ifPresent(r -> account.netsuiteId = r.get("id").toString());
        }
        return account.netsuiteId == null ? Optional.empty() : netsuite.get("customer", account.netsuiteId);
    }

    private static void note(Account account, String change) {
        account.history.add(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + change);
    }

    private String nextPhone() {
        return "+1 555 " + String.format("%07d", ++values);
    }

    private static String pad(int number) {
        return String.format("%04d", number);
    }
}
