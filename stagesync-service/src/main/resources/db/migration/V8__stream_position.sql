-- Where each streamed object's change stream stands (Salesforce Change Data Capture: the replay id of the last
-- change applied, opaque). One row per (system, object), written after the change was applied, so a restart
-- resumes after it; removed when the system refuses it (older than it keeps events).
CREATE TABLE stream_position (
    system_name  VARCHAR(64)    NOT NULL,
    object_type  VARCHAR(64)    NOT NULL,
    position     VARCHAR(1000)  NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT stream_position_pk PRIMARY KEY (system_name, object_type)
);
