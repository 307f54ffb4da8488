package io.stagesync.sandbox.eloqua;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one account (company) held by the {@link EloquaSimulator}.
 *
 * @param id        the account id
 * @param createdAt when it was created
 * @param updatedAt its last change
 * @param fields    the properties with a value ({@code name}, {@code city}, {@code country}, …); unmodifiable
 */
public record EloquaAccount(long id, Instant createdAt, Instant updatedAt, Map<String, String> fields) {
    public EloquaAccount {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The company name (every account has one). */
    public String name() {
        return fields.get("name");
    }
}
