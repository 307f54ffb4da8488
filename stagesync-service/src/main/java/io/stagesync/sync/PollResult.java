package io.stagesync.sync;

/**
 * What one poll of one system object did.
 *
 * @param system       the system
 * @param object       the object
 * @param read         records read
 * @param applied      records applied (canonical record updated, writes planned)
 * @param echoes       records that were no news and were dropped: our own writes read back, records read
 *                     again unchanged (the look-back window) or already in the dead letters unchanged,
 *                     versions older than one already applied
 * @param held         records whose change was held or reverted by a violation policy
 * @param deadLettered records that could not be applied and went to the dead letters
 * @param pages        pages committed (watermark advanced after each)
 * @param emptyStageFields records read whose stage field was empty (counted among the others too):
 *                     no proposed move; a new record starts at its entry stage, and stagesync writes
 *                     the record's stage into the field
 */
public record PollResult(String system, String object, int read, int applied, int echoes, int held,
                         int deadLettered, int pages, int emptyStageFields) {
    /**
     * Records read and accepted by a queue between processes but not applied yet (see {@link ChangeQueue}):
     * what they become is told to the engine's listener later; 0 with the in-memory queue.
     */
    public int queued() {
        return read - applied - echoes - held - deadLettered;
    }

    PollResult plus(PollResult page) {
        return new PollResult(system, object, read + page.read, applied + page.applied, echoes + page.echoes,
                held + page.held, deadLettered + page.deadLettered, pages + page.pages,
                emptyStageFields + page.emptyStageFields);
    }
}
