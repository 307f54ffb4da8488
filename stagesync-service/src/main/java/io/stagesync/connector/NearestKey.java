package io.stagesync.connector;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known setting key an unknown one most likely meant, for "did you mean …?" in configuration
 * errors: a key within a few typing mistakes (a swapped, missing, extra or wrong character, {@code _}
 * for {@code -}), or one with the same last segment under another prefix (a key moved between
 * sections, e.g. {@code stagesync.netsuite.sales-order-item-id} for
 * {@code stagesync.sync.sales-order-item-id}). Stateless.
 */
public final class NearestKey {
    private NearestKey() {
    }

    /**
     * @param key   the unknown key as written
     * @param known the keys that exist
     * @return the closest known key (ties: the alphabetically first), or empty when none is close
     */
    public static Optional<String> of(String key, Collection<String> known) {
        String wanted = normalized(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known.stream().sorted().toList()) {
            int distance = distance(wanted, normalized(candidate));
            boolean close = distance <= Math.max(2, candidate.length() / 8)
                    || lastSegment(wanted).equals(lastSegment(normalized(candidate)));
            if (close && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalized(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** Edit distance counting a swap of two neighbouring characters as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
