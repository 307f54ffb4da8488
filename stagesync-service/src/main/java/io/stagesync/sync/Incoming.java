package io.stagesync.sync;

import io.stagesync.connector.SystemRecord;
import io.stagesync.mapping.ObjectMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A system record translated to canonical terms, before identity and merge.
 *
 * @param mapping       the source object's mapping
 * @param record        the record as read
 * @param values        canonical field to canonical value for every mapped non-reference field
 *                      (null = the system has no value)
 * @param refs          canonical reference field to the referenced record's id in the source system
 * @param links         other system to the id this record holds for it (its link field)
 * @param stageValue    the raw value of the source's stage field, or null when the object has none
 * @param proposedStage the stage that value means, or null
 */
record Incoming(ObjectMapping mapping, SystemRecord record, Map<String, Object> values, Map<String, String> refs,
                Map<String, String> links, String stageValue, String proposedStage) {
    Incoming {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        refs = Map.copyOf(refs);
        links = Map.copyOf(links);
    }

    String system() {
        return mapping.system();
    }

    String object() {
        return mapping.object();
    }
}
