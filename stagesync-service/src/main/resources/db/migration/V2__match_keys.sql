-- Match keys: normalized identifying values (a person's email, a company's domain or name) per
-- canonical record, so a record seen for the first time in one system can be matched to one
-- already known from another. Not unique on purpose: two records may share a key, and the
-- engine then refuses to guess.
CREATE TABLE match_key (
    entity_type  VARCHAR(32)  NOT NULL,
    key_kind     VARCHAR(32)  NOT NULL,
    key_value    VARCHAR(320) NOT NULL,
    canonical_id VARCHAR(64)  NOT NULL,
    CONSTRAINT match_key_pk PRIMARY KEY (entity_type, key_kind, key_value, canonical_id)
);
CREATE INDEX match_key_canonical_ix ON match_key (canonical_id);
