-- Which record a dead letter is about ("read salesforce Account 001…", "write salesforce Account <canonical id>"),
-- so the same record failing again updates its open letter instead of adding a second one, and a later success
-- of that record resolves it. NULL for letters written before this column existed (never matched).
ALTER TABLE dead_letter ADD COLUMN record_key VARCHAR(512);
CREATE INDEX dead_letter_record_key_ix ON dead_letter (record_key, status);
