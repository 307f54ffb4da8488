/**
 * The sync engine, as capture → keyed queue → apply: {@code Capture} reads a system's changed records page by page
 * and owns the watermarks; it offers each page to a {@link io.stagesync.sync.ChangeQueue} (in one process
 * {@code InlineChangeQueue}), which hands it to {@code Apply}: for each record it translates it
 * ({@code RecordTranslator}), finds its canonical record ({@code IdentityResolver}), drops what is not news, merges
 * it by ownership ({@code FieldMerger}), passes a stage change through the gate ({@code StageDecider}), saves it
 * with the intents of the writes it plans ({@code WritePlanner}, {@code WriteIntent}), sends them
 * ({@code WriteExecutor}, a failing target's share held in its outbox and drained by {@code OutboxSender}); then
 * the watermark advances. {@link io.stagesync.sync.SyncEngine} assembles them. Dead letters are replayed through the
 * same path ({@code DeadLetterReplays}). The flow is described step by step in {@code docs/architecture.md}.
 *
 * <p>Promises: a watermark advances only after every record of its page is applied and written, or in the dead
 * letters with its payload and reason; a record that cannot be applied goes to the dead letters alone and the
 * page goes on; a whole-call failure leaves the watermark where it was. Changes to one canonical record are
 * applied, written and remembered one at a time ({@code KeyedLocks}, {@code PageLocks}), so overlapping polls send
 * each value once and never a stale one; polls of different systems run in parallel. Public types are
 * thread-safe unless their javadoc says otherwise.
 */
package io.stagesync.sync;
