package io.stagesync.connector;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of a Salesforce record id: 15 case-sensitive letters and digits, or those 15 followed by
 * a 3-character suffix that encodes their case (the 18-character, case-insensitive form the API and
 * the UI hand out). The suffix is a checksum: a mistyped or invented 18-character id is caught
 * before Salesforce refuses it record by record. Stateless.
 */
public final class SalesforceId {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?");
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private SalesforceId() {
    }

    /**
     * What is wrong with {@code id} as a Salesforce id, or empty when it is a 15-character id or an
     * 18-character one whose suffix matches its first 15 characters.
     */
    public static Optional<String> problem(String id) {
        if (id == null || !SHAPE.matcher(id).matches()) {
            return Optional.of("'" + id + "' is not a Salesforce id (15 or 18 letters and digits)");
        }
        if (id.length() == 18) {
            String expected = suffixOf(id.substring(0, 15));
            if (!id.substring(15).equals(expected)) {
                return Optional.of("'" + id + "' is not a valid Salesforce id: its last 3 characters encode the case of"
                        + " the first 15 and must be " + expected + " (" + id.substring(0, 15) + expected + "); copy the"
                        + " id from Salesforce rather than typing it");
            }
        }
        return Optional.empty();
    }

    /** The 3-character case suffix of a 15-character id. */
    public static String suffixOf(String id15) {
        if (id15.length() != 15) {
            throw new IllegalArgumentException("a 15-character id is needed; got " + id15.length() + " characters");
        }
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX_CHARS.charAt(bits));
        }
        return suffix.toString();
    }
}
