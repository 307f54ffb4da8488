package io.stagesync.app;

import io.stagesync.connector.spi.ObjectDescriber;
import io.stagesync.stage.StageModel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once at start, on its own thread so a slow system delays nothing: compares one system's stage mappings with the
 * values its objects accept, read through the connector's {@link ObjectDescriber} ({@link StagePicklistCheck}),
 * and logs each disagreement as one WARN line naming object, field and value. A warning, not a refusal to start:
 * the check needs the system to answer (start must not depend on that), and the records it concerns are
 * dead-lettered with their reason and replayable once the picklist or the mapping is fixed.
 */
final class StagePicklistReport implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StagePicklistReport.class);

    private final String system;
    private final StageModel model;
    private final ObjectDescriber describer;

    StagePicklistReport(String system, StageModel model, ObjectDescriber describer) {
        this.system = system;
        this.model = model;
        this.describer = describer;
    }

    /** Starts the check on a daemon thread. */
    void startInBackground() {
        Thread thread = new Thread(this, "stagesync-" + system + "-picklists");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            List<StagePicklistCheck.Finding> findings = StagePicklistCheck.check(system, model.mappings(),
                    describer::describe);
            if (findings.isEmpty()) {
                LOG.info("{} picklists hold every stage value mappings.{} uses", system, system);
            }
            for (StagePicklistCheck.Finding finding : findings) {
                LOG.warn("stage mapping vs the {}{}: {}", describer.instanceName(),
                        finding.refusesWrites() ? " (writes will be refused)" : "", finding.message());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check the {} picklists against mappings.{}: {}", describer.instanceName(), system,
                    e.toString());
        }
    }
}
