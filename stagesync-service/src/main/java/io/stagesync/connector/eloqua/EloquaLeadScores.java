package io.stagesync.connector.eloqua;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.SystemCallException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rating and score of one lead scoring model, for contacts changed in a time window.
 *
 * <p>Score fields are read-only and readable only through a Bulk contact export (saas-apis.md
 * §2.7). The model, {@code GET /api/bulk/2.0/contacts/scoring/models/{id}}, is read once: its
 * {@code fields} list names each value with an EML {@code statement}; the one named
 * {@value #RATING} becomes {@code leadRating}, the one named by
 * {@link EloquaSettings#scoreField()} becomes {@code leadScore}. Public client code shows them as
 * {@code {{Contact.LeadScore.Model[1].Rating}}}, {@code …ProfileScore}, {@code …EngagementScore};
 * taking them from the model rather than writing them here leaves only those field names VERIFY.
 *
 * <p>{@link #between} exports {@code ContactId} ({@code {{Contact.Id}}}), {@code Rating} and
 * {@code Score} with the filter {@code '{{Contact.UpdatedAt}}' >= 'from' AND '{{Contact.UpdatedAt}}'
 * < 'to + 1 s'} in UTC ({@code areSystemTimestampsInUTC}): the contacts of one page of changes,
 * plus any other changed in the same seconds. A contact changed again since the page was read
 * falls outside the window and gets no score on this page; its newer change is read (and scored)
 * later. VERIFY: that {@code {{Contact.UpdatedAt}}} is the Application API's {@code updatedAt}.
 * Thread-safe.
 */
public final class EloquaLeadScores {
    static final String MODELS_PATH = EloquaClient.BULK + "/contacts/scoring/models/";
    static final String RATING = "Rating";
    static final String ID_STATEMENT = "{{Contact.Id}}";
    static final String UPDATED_AT_STATEMENT = "{{Contact.UpdatedAt}}";

    /**
     * One contact's values, each as Eloqua exported it (text) or null when empty.
     *
     * @param rating e.g. {@code A1}
     * @param score  e.g. {@code 55}
     */
    public record LeadScore(String rating, String score) {
    }

    private final EloquaBulkExport bulk;
    private final String modelId;
    private final String scoreField;
    private Map<String, String> statements;

    /**
     * @param modelId    the scoring model's id (digits)
     * @param scoreField the model field whose value becomes the score, e.g. {@code EngagementScore}
     */
    public EloquaLeadScores(EloquaBulkExport bulk, String modelId, String scoreField) {
        this.bulk = Objects.requireNonNull(bulk, "bulk");
        if (!EloquaContacts.isId(modelId)) {
            throw new IllegalArgumentException("a scoring model id is digits; got " + modelId);
        }
        this.modelId = modelId;
        this.scoreField = Objects.requireNonNull(scoreField, "scoreField");
    }

    /**
     * The scores of the contacts whose {@code updatedAt} lies in {@code [from, to]} (whole seconds).
     *
     * @return contact id to its rating and score
     * @throws SystemCallException when the model lacks a field, or a call or the export fails
     */
    public Map<String, LeadScore> between(Instant from, Instant to) {
        Map<String, String> model = statements();
        Instant start = from.truncatedTo(ChronoUnit.SECONDS);
        Instant end = to.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ContactId", ID_STATEMENT);
        fields.put("Rating", model.get(RATING));
        fields.put("Score", model.get(scoreField));
        String filter = "'" + UPDATED_AT_STATEMENT + "' >= '" + utc(start) + "' AND '" + UPDATED_AT_STATEMENT + "' < '"
                + utc(end) + "'";
        Map<String, LeadScore> scores = new LinkedHashMap<>();
        for (Map<String, String> row : bulk.export("stagesync lead scores " + start + " to " + end, fields, filter)) {
            String id = row.get("ContactId");
            if (id != null) {
                scores.put(id, new LeadScore(row.get("Rating"), row.get("Score")));
            }
        }
        return scores;
    }

    /** The model's statements by field name, read once. */
    synchronized Map<String, String> statements() {
        if (statements == null) {
            String operation = "scoring model";
            JsonNode model = bulk.client().get(operation, MODELS_PATH + modelId, null);
            Map<String, String> byName = new LinkedHashMap<>();
            for (JsonNode field : model.path("fields")) {
                String name = EloquaContacts.text(field.get("name"));
                String statement = EloquaContacts.text(field.get("statement"));
                if (name != null && statement != null) {
                    byName.put(name, statement);
                }
            }
            List<String> lacking = new ArrayList<>();
            for (String needed : List.of(RATING, scoreField)) {
                if (!byName.containsKey(needed)) {
                    lacking.add(needed);
                }
            }
            if (!lacking.isEmpty()) {
                throw new SystemCallException(EloquaHttp.SYSTEM, operation, 200, "UNKNOWN_FIELD", "scoring model "
                        + modelId + " (" + EloquaSettings.KEY_SCORING_MODEL_ID + ") has no field " + String.join(", ", lacking)
                        + " (it has " + byName.keySet() + "; " + EloquaSettings.KEY_SCORE_FIELD + " names the score)",
                        EloquaErrors.excerpt(model.toString()), false, null, null);
            }
            statements = Map.copyOf(byName);
        }
        return statements;
    }

    private static String utc(Instant at) {
        return EloquaSearch.DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }
}
