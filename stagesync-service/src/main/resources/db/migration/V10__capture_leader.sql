-- Who leads each capture when several instances share the store (stagesync.cluster.enabled): one row per
-- leadership namespace (capture-SYSTEM), its epoch raised each time an instance takes the lead. A leader moves a
-- watermark or stream position only while its epoch is still the row's (checked under the row's lock in the same
-- unit of work), so a deposed leader cannot move one back.
CREATE TABLE capture_leader (
    namespace    VARCHAR(200)   NOT NULL,
    epoch        BIGINT         NOT NULL,
    holder       VARCHAR(200)   NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT capture_leader_pk PRIMARY KEY (namespace)
);
