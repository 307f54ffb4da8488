-- Deletions and merges a system reports (Salesforce Change Data Capture): the link of a deleted object stays,
-- marked with when stagesync learnt of it and, for a merge, the id of the object it was merged into.
ALTER TABLE xref ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE xref ADD COLUMN merged_into VARCHAR(255);

-- The history records a deletion or merge of a record's object in its system next to the gate's decisions.
ALTER TABLE stage_history DROP CONSTRAINT stage_history_outcome_ck;
ALTER TABLE stage_history ADD CONSTRAINT stage_history_outcome_ck
    CHECK (outcome IN ('ACCEPTED', 'REFUSED_NOT_ALLOWED', 'REFUSED_VIOLATED', 'DELETED', 'MERGED'));
