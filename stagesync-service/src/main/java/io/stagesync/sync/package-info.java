/**
 * The sync engine, as capture → keyed queue → apply: {@code Capture} reads a system's changed records page by page
 * and owns the watermarks; it offers each page to a {@link io.stagesync.sync.ChangeQueue} (in one process
 * {@code InlineChangeQueue}), which hands it to {@code Apply}: for each record it translates it
 * ({@code RecordTranslator}), finds its canonical record ({@code IdentityResolver}), drops what is not news, merges
 * it by ownership ({@code FieldMerger}), passes a stage change through the gate ({@code StageDecider}), saves it
 * with the intents of the writes it plans ({@code WritePlanner}, {@code WriteIntent}) and holds those writes in
 * their targets' outboxes in the same unit of work; then the watermark advances. One {@code Sender} per target
 * drains its outbox ({@code WriteExecutor} sends and remembers), on a thread of its own in the service
 * ({@code Senders}, {@link io.stagesync.sync.SendMode}). {@link io.stagesync.sync.SyncEngine} assembles them. Dead letters are replayed through the
 * same path ({@code DeadLetterReplays}). The flow is described step by step in {@code docs/architecture.md}.
 *
 * <p>Promises: a watermark advances only after every record of its page is applied with its writes in the
 * outboxes, or in the dead letters with its payload and reason, whatever the targets do; a record that cannot be
 * applied goes to the dead letters alone and the page goes on; a failed read leaves the watermark where it was; an
 * outbox row goes only after its write was remembered. Changes to one canonical record are applied one at a time
 * ({@code KeyedLocks}, {@code PageLocks}) and sent to each target by its one sender, planned from the record as it
 * is then, so overlapping polls send each value once and never a stale one; a target that fails or hangs delays
 * only its own writes; polls of different systems run in parallel. Public types are
 * thread-safe unless their javadoc says otherwise.
 */
package io.stagesync.sync;
