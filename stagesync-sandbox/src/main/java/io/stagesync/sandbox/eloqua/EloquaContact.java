package io.stagesync.sandbox.eloqua;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one contact held by the {@link EloquaSimulator}.
 *
 * @param id        the contact id
 * @param createdAt when it was created (whole seconds)
 * @param updatedAt its last change (whole seconds, strictly increasing over all changes of the simulator)
 * @param fields    every field with a value, as Eloqua keeps it (text): standard properties by
 *                  property name ({@code emailAddress}, {@code firstName}, {@code accountName}, …),
 *                  other contact fields by internal name ({@code C_Lead_Stage1}); unmodifiable
 */
public record EloquaContact(long id, Instant createdAt, Instant updatedAt, Map<String, String> fields) {
    public EloquaContact {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The field's value, or null when it has none. */
    public String get(String field) {
        return fields.get(field);
    }

    /** The e-mail address (every contact has one). */
    public String email() {
        return fields.get("emailAddress");
    }
}
