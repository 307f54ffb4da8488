package io.stagesync.sandbox.salesforce;

/**
 * Salesforce-style record ids: 3-character key prefix, the fake pod {@code XX}, a 10-character base-62 counter
 * ({@code 0-9A-Za-z}, so ids of one prefix sort as plain strings in creation order) and the 3-character
 * case-safe suffix Salesforce derives from the 15-character id. Pure functions, thread-safe.
 */
final class SalesforceIds {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String POD = "XX";
    private static final int COUNTER_DIGITS = 10;

    private SalesforceIds() {
    }

    /**
     * The 18-character id number {@code n} (at least 1) of a prefix.
     *
     * @throws IllegalArgumentException for a prefix that is not 3 characters or a non-positive number
     */
    static String id(String prefix, long n) {
        if (prefix.length() != 3 || n < 1) {
            throw new IllegalArgumentException("prefix must be 3 characters and n positive; got " + prefix + ", " + n);
        }
        char[] digits = new char[COUNTER_DIGITS];
        long rest = n;
        for (int i = COUNTER_DIGITS - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (rest % 62));
            rest /= 62;
        }
        return caseSafe(prefix + POD + new String(digits));
    }

    /**
     * The 18-character form of a 15-character id: for each 5-character chunk, a bit per upper-case letter
     * (first character lowest bit) picks one of {@code A-Z0-5}.
     */
    static String caseSafe(String id15) {
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
        return id15 + suffix;
    }

    /** The 18-character form of a 15- or 18-character id, or null when it is neither. */
    static String normalize(String id) {
        if (id == null || !id.matches("[A-Za-z0-9]{15}([A-Za-z0-9]{3})?")) {
            return null;
        }
        return id.length() == 15 ? caseSafe(id) : caseSafe(id.substring(0, 15));
    }
}
