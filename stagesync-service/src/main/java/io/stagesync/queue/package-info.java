/**
 * Queues between capture and apply that reach beyond one process (see {@link io.stagesync.sync.ChangeQueue}):
 * {@link io.stagesync.queue.KafkaChangeQueue} publishes each change read to a Kafka topic keyed by the record it
 * came from, and {@link io.stagesync.queue.KafkaApplyRoute} consumes it in one consumer group, applying each
 * change through the engine and committing its offset only after.
 */
package io.stagesync.queue;
