package io.stagesync.app;

import io.stagesync.connector.salesforce.SalesforceClient;
import io.stagesync.stage.StageModel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once at start, on its own thread so a slow org delays nothing: compares the Salesforce stage
 * mappings with the org's picklists ({@link StagePicklistCheck}) and logs each disagreement as one
 * WARN line naming object, field and value. A warning, not a refusal to start: the check needs the
 * org to answer (start must not depend on that), and the records it concerns are dead-lettered with
 * their reason and replayable once the picklist or the mapping is fixed.
 */
final class SalesforcePicklistReport implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforcePicklistReport.class);

    private final StageModel model;
    private final SalesforceClient client;

    SalesforcePicklistReport(StageModel model, SalesforceClient client) {
        this.model = model;
        this.client = client;
    }

    /** Starts the check on a daemon thread. */
    void startInBackground() {
        Thread thread = new Thread(this, "stagesync-salesforce-picklists");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            List<StagePicklistCheck.Finding> findings = StagePicklistCheck.check(model.mappings(), client::describe);
            if (findings.isEmpty()) {
                LOG.info("salesforce picklists hold every stage value mappings.salesforce uses");
            }
            for (StagePicklistCheck.Finding finding : findings) {
                LOG.warn("stage mapping vs the Salesforce org{}: {}", finding.refusesWrites() ? " (writes will be refused)" : "",
                        finding.message());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check the Salesforce picklists against mappings.salesforce: {}", e.toString());
        }
    }
}
