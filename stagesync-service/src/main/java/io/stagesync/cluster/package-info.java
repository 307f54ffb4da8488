/**
 * Several instances on one PostgreSQL store: who leads what. {@link io.stagesync.cluster.PostgresLockClusterService}
 * is a Camel cluster service whose leadership of a namespace is a PostgreSQL advisory lock held on a connection of
 * its own; camel-master's {@code master:} routes run only on the leader. {@link io.stagesync.cluster.CaptureLeadership}
 * fences what a leader writes with the epoch it took the lead in.
 */
package io.stagesync.cluster;
