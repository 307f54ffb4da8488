-- How a dead letter left the open queue, kept for the audit trail: a replay's result ("replayed: written to
-- netsuite opportunity 812", "replayed: superseded by a newer change ...") or why it was discarded. NULL while
-- OPEN or REPLAYING, and for rows resolved before this column existed.
ALTER TABLE dead_letter ADD COLUMN resolution TEXT;
-- Replaying every open letter of one system reads them oldest first.
CREATE INDEX dead_letter_system_ix ON dead_letter (system_name, status, created_at, id);
