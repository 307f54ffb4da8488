-- Writes held for a target that is failing as a whole (down, breaker open, hanging): one row per record and
-- target object, so the source's poll goes on and the target gets the record's current state once it answers.
CREATE TABLE outbox (
    target_system  VARCHAR(64)   NOT NULL,
    target_object  VARCHAR(64)   NOT NULL,
    canonical_id   VARCHAR(64)   NOT NULL,
    key_field      VARCHAR(255)  NOT NULL,
    record_key     VARCHAR(512)  NOT NULL,
    reason         TEXT          NOT NULL,
    held_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    times_held     INT           NOT NULL,
    CONSTRAINT outbox_pk PRIMARY KEY (target_system, target_object, canonical_id)
);
CREATE INDEX outbox_target_ix ON outbox (target_system, held_at);
