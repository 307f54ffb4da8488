-- Several instances send to a system, not only the one leading its capture (stagesync.cluster.enabled). They may
-- do so only once that system's leader has read it in its current epoch (matched its records, caught up with
-- what users changed while no instance read it): the epoch whose leader did is kept here.
ALTER TABLE capture_leader ADD COLUMN caught_up_epoch BIGINT;
