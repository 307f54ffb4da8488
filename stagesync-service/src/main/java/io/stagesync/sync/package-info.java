/**
 * The sync engine: {@link io.stagesync.sync.SyncEngine} polls a system's changed records page by page, and for
 * each record translates it ({@code RecordTranslator}), finds its canonical record ({@code IdentityResolver}),
 * drops what is not news, merges it by ownership ({@code FieldMerger}), passes a stage change through the gate
 * ({@code StageDecider}), saves it, plans the writes to the other systems ({@code WritePlanner}), sends them
 * ({@code WriteExecutor}) and then advances the watermark. Dead letters are replayed through the same path
 * ({@code DeadLetterReplays}). The flow is described step by step in {@code docs/architecture.md}.
 *
 * <p>Promises: a watermark advances only after every record of its page is applied and written, or in the dead
 * letters with its payload and reason; a record that cannot be applied goes to the dead letters alone and the
 * page goes on; a whole-call failure leaves the watermark where it was. Changes to one canonical record are
 * applied, written and remembered one at a time ({@code KeyedLocks}, {@code PageLocks}), so overlapping polls send
 * each value once and never a stale one; polls of different systems run in parallel. Public types are
 * thread-safe unless their javadoc says otherwise.
 */
package io.stagesync.sync;
