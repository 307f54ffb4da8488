-- What each marketing campaign cost, as the MA system that runs it reports it (Pardot campaign.cost,
-- Eloqua campaign.actualCost), refreshed on a slow period for campaign ROI. One row per (system,
-- campaign), updated in place; a campaign the system stops reporting keeps its last known row.
CREATE TABLE campaign_cost (
    system_name  VARCHAR(64)    NOT NULL,
    campaign_id  VARCHAR(255)   NOT NULL,
    name         VARCHAR(1000),
    cost         NUMERIC(19, 4),
    refreshed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT campaign_cost_pk PRIMARY KEY (system_name, campaign_id),
    CONSTRAINT campaign_cost_nonnegative_ck CHECK (cost IS NULL OR cost >= 0)
);
