package io.stagesync.sandbox.eloqua;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contacts, accounts, campaigns and lead scores of the Eloqua simulator, shared by the HTTP
 * worker and the sandbox's Java calls: every method is synchronized and hands out immutable
 * snapshots.
 *
 * <p>Every change (a create, or an update that changes a value, including a new lead score) stamps
 * the record with the next change time: the clock's current second, or one second after the
 * previous change when that is later. Change times are strictly increasing over the whole
 * simulator, in whole seconds as Eloqua keeps them, and may run ahead of the clock while changes
 * come faster than one per second. E-mail addresses are unique among contacts (ignoring case).
 */
final class EloquaStore {
    static final long FIRST_CONTACT_ID = 1;
    static final long FIRST_ACCOUNT_ID = 1;
    static final long FIRST_CAMPAIGN_ID = 1;
    /** Account properties a client may write. */
    static final List<String> ACCOUNT_PROPERTIES = List.of("name", "address1", "address2", "address3", "city",
            "province", "postalCode", "country", "businessPhone");

    private final EloquaContactSchema schema;
    private final Clock clock;
    private final Map<Long, EloquaContact> contacts = new LinkedHashMap<>();
    private final Map<Long, EloquaLeadScore> scores = new LinkedHashMap<>();
    private final Map<Long, EloquaAccount> accounts = new LinkedHashMap<>();
    private final Map<Long, EloquaCampaign> campaigns = new LinkedHashMap<>();
    private long nextContactId = FIRST_CONTACT_ID;
    private long nextAccountId = FIRST_ACCOUNT_ID;
    private long nextCampaignId = FIRST_CAMPAIGN_ID;
    private Instant lastChange = Instant.EPOCH;

    EloquaStore(EloquaContactSchema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    EloquaContactSchema schema() {
        return schema;
    }

    /**
     * Creates a contact from values by key (see {@link EloquaContactSchema.Field#key()}); nulls and
     * empty texts are left out; {@code isSubscribed}, {@code isBounceback} and
     * {@code emailFormatPreference} get Eloqua's defaults.
     *
     * @throws EloquaFault 400 for a broken requirement, 409 for an e-mail address another contact has
     */
    synchronized EloquaContact createContact(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("emailFormatPreference", "unspecified");
        all.put("isSubscribed", "true");
        all.put("isBounceback", "false");
        putAll(all, values);
        schema.validate(null, all);
        requireUniqueEmail(null, all.get("emailAddress"));
        Instant now = nextChange();
        EloquaContact contact = new EloquaContact(nextContactId++, now, now, all);
        contacts.put(contact.id(), contact);
        io.stagesync.sandbox.http.SimulatorServer.noteWrite("contact " + contact.id());
        return contact;
    }

    /**
     * Changes a contact's values by key (null or empty clears one); {@code updatedAt} moves only when a value changed.
     *
     * @throws EloquaFault 404 for an unknown contact, 400 for a broken requirement, 409 for a taken e-mail address
     */
    synchronized EloquaContact updateContact(long id, Map<String, String> changes) {
        EloquaContact current = contact(id).orElseThrow(() -> EloquaFault.notFound("contact " + id));
        io.stagesync.sandbox.http.SimulatorServer.noteWrite("contact " + id);
        Map<String, String> all = new LinkedHashMap<>(current.fields());
        putAll(all, changes);
        schema.validate(id, all);
        requireUniqueEmail(id, all.get("emailAddress"));
        if (all.equals(current.fields())) {
            return current;
        }
        EloquaContact updated = new EloquaContact(id, current.createdAt(), nextChange(), all);
        contacts.put(id, updated);
        return updated;
    }

    synchronized Optional<EloquaContact> contact(long id) {
        return Optional.ofNullable(contacts.get(id));
    }

    /** Every contact, by id. */
    synchronized List<EloquaContact> contacts() {
        return List.copyOf(contacts.values());
    }

    /** The contact with this e-mail address (ignoring case). */
    synchronized Optional<EloquaContact> contactByEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return contacts.values().stream().filter(c -> c.email().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Sets a contact's lead score; a changed score touches the contact (its {@code updatedAt} moves). */
    synchronized EloquaContact setLeadScore(long contactId, EloquaLeadScore score) {
        EloquaContact current = contact(contactId).orElseThrow(() -> EloquaFault.notFound("contact " + contactId));
        if (score.equals(scores.put(contactId, score))) {
            return current;
        }
        EloquaContact touched = new EloquaContact(contactId, current.createdAt(), nextChange(), current.fields());
        contacts.put(contactId, touched);
        return touched;
    }

    synchronized Optional<EloquaLeadScore> leadScore(long contactId) {
        return Optional.ofNullable(scores.get(contactId));
    }

    /** A contact and its lead score (null when it has none). */
    record Scored(EloquaContact contact, EloquaLeadScore score) {
    }

    /** Every contact with its lead score, by contact id. */
    synchronized List<Scored> contactsWithScores() {
        return contacts.values().stream().map(c -> new Scored(c, scores.get(c.id()))).toList();
    }

    /**
     * Creates an account from its properties ({@link #ACCOUNT_PROPERTIES}); {@code name} required.
     *
     * @throws EloquaFault 400 for a missing name, an unknown property or a too long value
     */
    synchronized EloquaAccount createAccount(Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>();
        putAll(all, values);
        validateAccount(null, all);
        Instant now = nextChange();
        EloquaAccount account = new EloquaAccount(nextAccountId++, now, now, all);
        accounts.put(account.id(), account);
        io.stagesync.sandbox.http.SimulatorServer.noteWrite("account " + account.id());
        return account;
    }

    synchronized EloquaAccount updateAccount(long id, Map<String, String> changes) {
        EloquaAccount current = account(id).orElseThrow(() -> EloquaFault.notFound("account " + id));
        io.stagesync.sandbox.http.SimulatorServer.noteWrite("account " + id);
        Map<String, String> all = new LinkedHashMap<>(current.fields());
        putAll(all, changes);
        validateAccount(id, all);
        if (all.equals(current.fields())) {
            return current;
        }
        EloquaAccount updated = new EloquaAccount(id, current.createdAt(), nextChange(), all);
        accounts.put(id, updated);
        return updated;
    }

    synchronized Optional<EloquaAccount> account(long id) {
        return Optional.ofNullable(accounts.get(id));
    }

    synchronized List<EloquaAccount> accounts() {
        return List.copyOf(accounts.values());
    }

    /** Adds a campaign; {@code actualCost} null or at least 0. */
    synchronized EloquaCampaign addCampaign(String name, BigDecimal actualCost) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a campaign needs a name");
        }
        if (actualCost != null && actualCost.signum() < 0) {
            throw new IllegalArgumentException("a campaign cost is not negative; got " + actualCost);
        }
        Instant now = nextChange();
        EloquaCampaign campaign = new EloquaCampaign(nextCampaignId++, name, actualCost, now, now);
        campaigns.put(campaign.id(), campaign);
        return campaign;
    }

    synchronized Optional<EloquaCampaign> campaign(long id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    synchronized List<EloquaCampaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    private void validateAccount(Long id, Map<String, String> values) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!ACCOUNT_PROPERTIES.contains(entry.getKey())) {
                throw EloquaFault.validation(400, "Account", id, entry.getKey(), "RelationshipRequirement", null);
            }
            if (entry.getValue().length() > EloquaContactSchema.MAX_TEXT) {
                throw EloquaFault.validation(400, "Account", id, entry.getKey(), "ValidTextLengthRequirement",
                        entry.getValue());
            }
        }
        if (values.get("name") == null) {
            throw EloquaFault.validation(400, "Account", id, "name", "NotNullRequirement", null);
        }
    }

    private void requireUniqueEmail(Long id, String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        for (EloquaContact other : contacts.values()) {
            if (!Long.valueOf(other.id()).equals(id) && other.email().toLowerCase(Locale.ROOT).equals(wanted)) {
                throw EloquaFault.validation(409, "Contact", id, "emailAddress", "UniquenessRequirement", email);
            }
        }
    }

    private static void putAll(Map<String, String> target, Map<String, String> values) {
        values.forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                target.remove(key);
            } else {
                target.put(key, value);
            }
        });
    }

    private Instant nextChange() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusSeconds(1);
        return lastChange;
    }

    /** The keys a contact value map may hold. */
    Set<String> contactKeys() {
        Set<String> keys = new java.util.LinkedHashSet<>(EloquaContactSchema.PROPERTIES);
        schema.fields().stream().filter(f -> !f.readOnly()).forEach(f -> keys.add(f.key()));
        return keys;
    }
}
