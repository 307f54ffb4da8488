package io.stagesync.sandbox.eloqua;

/**
 * A contact's values in the simulator's lead scoring model, as the Bulk API exports them.
 *
 * @param rating          the combined rating, {@code A1} (best) to {@code D4}
 * @param profileScore    the profile (fit) score, 0 to 100
 * @param engagementScore the engagement (behaviour) score, 0 to 100
 */
public record EloquaLeadScore(String rating, int profileScore, int engagementScore) {
    public EloquaLeadScore {
        if (rating == null || !rating.matches("[A-D][1-4]")) {
            throw new IllegalArgumentException("a rating is A1 to D4; got " + rating);
        }
        if (profileScore < 0 || profileScore > 100 || engagementScore < 0 || engagementScore > 100) {
            throw new IllegalArgumentException("scores are 0 to 100; got " + profileScore + " and " + engagementScore);
        }
    }
}
