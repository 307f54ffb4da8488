package io.stagesync.sandbox.pardot;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The prospects and campaigns of the Pardot simulator, shared by the HTTP worker and the
 * sandbox's Java calls: every method is synchronized and hands out immutable snapshots.
 *
 * <p>Every change (create, or an update that changes a value) stamps the record with the next
 * change time: the clock's current second, or one second after the previous change when that is
 * later. Change times are thus strictly increasing over the whole simulator, in whole seconds as
 * Pardot writes them, and may run ahead of the clock while changes come faster than one per second.
 */
final class PardotStore {
    static final long FIRST_PROSPECT_ID = 1001;
    static final long FIRST_CAMPAIGN_ID = 5001;

    /** The result of an upsert: the prospect written and whether it was created. */
    record Upserted(PardotProspect prospect, boolean created) {
    }

    private final PardotProspectFields schema;
    private final Clock clock;
    private final Map<Long, PardotProspect> prospects = new LinkedHashMap<>();
    private final Map<Long, PardotCampaign> campaigns = new LinkedHashMap<>();
    /** Lower-cased e-mail address to the ids of the prospects that have it. */
    private final Map<String, Set<Long>> idsByEmail = new HashMap<>();
    /** Each prospect's query row as last built; a prospect's row is rebuilt only after it changed. */
    private final Map<Long, Map<String, Object>> rows = new HashMap<>();
    private long nextProspectId = FIRST_PROSPECT_ID;
    private long nextCampaignId = FIRST_CAMPAIGN_ID;
    private Instant lastChange = Instant.EPOCH;

    PardotStore(PardotProspectFields schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /**
     * Creates a prospect.
     *
     * @param viaApi whether the values come through v5 (only v5-writable fields) or the Java API
     * @throws PardotFault when a field or value is refused, or {@code email} is missing
     */
    synchronized PardotProspect create(Map<String, ?> fields, boolean viaApi) {
        Map<String, Object> values = withoutNulls(schema.convert(fields, viaApi, campaigns.keySet()));
        if (!values.containsKey("email")) {
            throw PardotFault.badRequest(PardotProspectFields.INVALID_EMAIL, "Invalid prospect email address: a"
                    + " prospect needs an email");
        }
        Instant now = nextChange();
        PardotProspect prospect = new PardotProspect(nextProspectId++, now, now, values);
        put(null, prospect);
        return prospect;
    }

    /**
     * Changes the given fields (null clears one); the prospect's {@code updatedAt} moves only when a value changed.
     *
     * @throws PardotFault 404/192 when there is no such prospect, or when a field or value is refused
     */
    synchronized PardotProspect update(long id, Map<String, ?> fields, boolean viaApi) {
        PardotProspect current = prospects.get(id);
        if (current == null) {
            throw new PardotFault(404, 192, "Object specified does not exist: prospect " + id);
        }
        Map<String, Object> values = new LinkedHashMap<>(current.fields());
        Map<String, Object> changes = schema.convert(fields, viaApi, campaigns.keySet());
        if (changes.containsKey("email") && changes.get("email") == null) {
            throw PardotFault.badRequest(PardotProspectFields.INVALID_EMAIL, "Invalid prospect email address: the"
                    + " email cannot be cleared");
        }
        values.putAll(changes);
        values = withoutNulls(values);
        if (values.equals(current.fields())) {
            return current;
        }
        PardotProspect updated = new PardotProspect(id, current.createdAt(), nextChange(), values);
        put(current, updated);
        return updated;
    }

    /**
     * v5's {@code upsertLatestByEmail}: updates the prospect with that e-mail (ignoring case) whose
     * latest activity, else latest change, else highest id comes last; creates one when none has it.
     */
    synchronized Upserted upsertLatestByEmail(String matchEmail, Map<String, ?> fields) {
        PardotProspectFields.email(matchEmail);
        Optional<PardotProspect> latest = byEmail(matchEmail).stream()
                .max(Comparator.comparing((PardotProspect p) -> (Instant) p.get("lastActivityAt"),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(PardotProspect::updatedAt).thenComparingLong(PardotProspect::id));
        if (latest.isPresent()) {
            return new Upserted(update(latest.get().id(), fields, true), false);
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("email", matchEmail);
        create.putAll(fields);
        return new Upserted(create(create, true), true);
    }

    synchronized Optional<PardotProspect> prospect(long id) {
        return Optional.ofNullable(prospects.get(id));
    }

    /** Every prospect, by id. */
    synchronized List<PardotProspect> prospects() {
        return List.copyOf(prospects.values());
    }

    /** The prospects with this e-mail address (ignoring case), by id; more than one when duplicates were created. */
    synchronized List<PardotProspect> byEmail(String email) {
        return idsByEmail.getOrDefault(email.toLowerCase(Locale.ROOT), Set.of()).stream().map(prospects::get).toList();
    }

    /** Stores a created ({@code before} null) or changed prospect and keeps the e-mail index and row cache in step. */
    private void put(PardotProspect before, PardotProspect after) {
        io.stagesync.sandbox.http.SimulatorServer.noteWrite("prospect " + after.id());
        prospects.put(after.id(), after);
        rows.remove(after.id());
        if (before != null) {
            Set<Long> ids = idsByEmail.get(before.email().toLowerCase(Locale.ROOT));
            if (ids != null) {
                ids.remove(before.id());
            }
        }
        idsByEmail.computeIfAbsent(after.email().toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(after.id());
    }

    /** Adds a campaign; {@code cost} null or at least 0. */
    synchronized PardotCampaign addCampaign(String name, Integer cost) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a campaign needs a name");
        }
        if (cost != null && cost < 0) {
            throw new IllegalArgumentException("a campaign cost is not negative; got " + cost);
        }
        Instant now = nextChange();
        PardotCampaign campaign = new PardotCampaign(nextCampaignId++, name, cost, now, now);
        campaigns.put(campaign.id(), campaign);
        return campaign;
    }

    synchronized Optional<PardotCampaign> campaign(long id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    synchronized List<PardotCampaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    /** Every prospect as a query row: field name to typed value, with {@code campaign.id}/{@code campaign.name}. */
    synchronized List<Map<String, Object>> prospectRows() {
        List<Map<String, Object>> rows = new ArrayList<>(prospects.size());
        for (PardotProspect p : prospects.values()) {
            rows.add(this.rows.computeIfAbsent(p.id(), id -> Collections.unmodifiableMap(row(p))));
        }
        return rows;
    }

    /** One prospect as a row (see {@link #prospectRows()}). */
    synchronized Map<String, Object> row(PardotProspect p) {
        Map<String, Object> row = new LinkedHashMap<>(p.fields());
        row.put("id", p.id());
        row.put("createdAt", p.createdAt());
        row.put("updatedAt", p.updatedAt());
        PardotCampaign campaign = p.get("campaignId") == null ? null : campaigns.get((Long) p.get("campaignId"));
        row.put("campaign.id", campaign == null ? null : campaign.id());
        row.put("campaign.name", campaign == null ? null : campaign.name());
        return row;
    }

    /** Every campaign as a query row. */
    synchronized List<Map<String, Object>> campaignRows() {
        return campaigns.values().stream().map(PardotStore::row).toList();
    }

    static Map<String, Object> row(PardotCampaign c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", c.id());
        row.put("name", c.name());
        row.put("cost", c.cost());
        row.put("createdAt", c.createdAt());
        row.put("updatedAt", c.updatedAt());
        row.put("isDeleted", false);
        return row;
    }

    private Instant nextChange() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusSeconds(1);
        return lastChange;
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> values) {
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
