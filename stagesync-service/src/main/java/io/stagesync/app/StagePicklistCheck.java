package io.stagesync.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.stagesync.connector.SystemCallException;
import io.stagesync.stage.StageMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Compares one system's stage mappings of {@code stage-model.yaml} with its picklists (Salesforce: the org's, read
 * through sObject Describe ({@code picklistValues}, active values only), so a value the org lacks is
 * named at start rather than met as a dead letter per record. A new org's Lead Status has no
 * "Marketing Qualified", "Sales Qualified" or "Nurturing", the values the shipped mapping writes.
 *
 * <p>Findings, each naming object, field and value: a value stagesync WRITES for a stage (the
 * mapping's write value) that the org lacks (every move to that stage written there would be
 * refused); a mapped value only read that the org lacks (never read: a typo or another org's value);
 * an active org value the mapping lacks (a record set to it is dead-lettered as not mapped); a mapped
 * field the object does not have. Fields that are not picklists (a text {@code Lifecycle_Stage__c})
 * and picklists without values are not compared. Stateless.
 */
public final class StagePicklistCheck {
    /**
     * One disagreement between a mapping and the org.
     *
     * @param refusesWrites true when Salesforce will refuse writes stagesync plans (a written value the org lacks)
     * @param message       object, field, value and what to do
     */
    public record Finding(boolean refusesWrites, String message) {
    }

    private StagePicklistCheck() {
    }

    /**
     * @param system   the system whose mappings are checked
     * @param mappings the stage mappings; only those of {@code system} are checked
     * @param describe an object's description in sObject Describe shape (see
     *                 {@link io.stagesync.connector.spi.ObjectDescriber#describe})
     * @return the findings, in mapping order; a Describe that fails is one finding saying so
     */
    public static List<Finding> check(String system, List<StageMapping> mappings, Function<String, JsonNode> describe) {
        List<Finding> findings = new ArrayList<>();
        Map<String, JsonNode> described = new LinkedHashMap<>();
        for (StageMapping mapping : mappings) {
            if (!mapping.system().equals(system)) {
                continue;
            }
            JsonNode object;
            try {
                object = described.computeIfAbsent(mapping.object(), describe);
            } catch (SystemCallException e) {
                findings.add(new Finding(false, "could not read the picklist of " + system + " " + mapping.object() + "."
                        + mapping.field() + " to check it against mappings." + system + " (checked again at the next start): "
                        + e.getMessage()));
                continue;
            }
            JsonNode field = fieldOf(object, mapping.field());
            if (field == null) {
                findings.add(new Finding(true, system + " " + mapping.object() + " has no field " + mapping.field()
                        + " (mappings." + system + " in stage-model.yaml keeps the stage there): create it "
                        + "(docs/connectors/" + system + ".md, \"What to set up\") or change the mapping"));
                continue;
            }
            if (!field.path("type").asText().endsWith("picklist") || field.path("picklistValues").isEmpty()) {
                continue;
            }
            compare(system, mapping, field, findings);
        }
        return findings;
    }

    private static void compare(String system, StageMapping mapping, JsonNode field, List<Finding> findings) {
        Set<String> active = new LinkedHashSet<>();
        Set<String> inactive = new LinkedHashSet<>();
        for (JsonNode value : field.path("picklistValues")) {
            (value.path("active").asBoolean(true) ? active : inactive).add(value.path("value").asText());
        }
        String where = system + " " + mapping.object() + "." + mapping.field();
        Set<String> written = new LinkedHashSet<>();
        mapping.values().values().stream().distinct().forEach(stage -> mapping.valueFor(stage).ifPresent(written::add));
        mapping.values().forEach((value, stage) -> {
            if (active.contains(value)) {
                return;
            }
            String state = inactive.contains(value) ? "is inactive in the org's picklist" : "is not in the org's picklist";
            if (written.contains(value)) {
                findings.add(new Finding(true, where + ": value '" + value + "' (written for " + stage + ") " + state
                        + ", so " + Character.toUpperCase(system.charAt(0)) + system.substring(1)
                        + " will refuse every move to " + stage + " stagesync writes there (a dead letter per"
                        + " record): add it to the picklist, or make mappings." + system + " " + mapping.object() + " write a value"
                        + " the org has for " + stage + " (list it first for " + stage + ", or under write:); the org has "
                        + active));
            } else {
                findings.add(new Finding(false, where + ": value '" + value + "' (read as " + stage + ") " + state
                        + "; it is never read (a typo, or another org's value?)"));
            }
        });
        for (String value : active) {
            if (!mapping.values().containsKey(value)) {
                findings.add(new Finding(false, where + ": the org's value '" + value + "' is not in mappings." + system + " "
                        + mapping.object() + ": a record set to it goes to the dead letters as not mapped; map it to a stage"));
            }
        }
    }

    private static JsonNode fieldOf(JsonNode object, String name) {
        for (JsonNode field : Objects.requireNonNullElse(object, com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                .path("fields")) {
            if (field.path("name").asText().equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }
}
