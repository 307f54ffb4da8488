package io.stagesync.sandbox;

import io.stagesync.app.StagesyncApplication;
import io.stagesync.app.SyncPoller;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * True once every connector has polled successfully twice: the first poll captures what a system holds, the
 * second applies what that capture started (the MQL handoffs of people already qualified, the recycling of
 * disqualified leads). The story starts only then, so its changes read as moves, not as first sightings.
 */
public final class FirstSyncDone implements BooleanSupplier {
    private final StagesyncApplication app;
    private final List<String> systems;
    private final Map<String, Instant> firstSuccess = new HashMap<>();
    private boolean done;

    public FirstSyncDone(StagesyncApplication app, List<String> systems) {
        this.app = app;
        this.systems = List.copyOf(systems);
    }

    @Override
    public synchronized boolean getAsBoolean() {
        if (done) {
            return true;
        }
        SyncPoller poller = app.poller();
        if (poller == null) {
            return false;
        }
        boolean all = true;
        for (String system : systems) {
            Instant last = poller.lastSuccess(system);
            if (last == null) {
                all = false;
            } else if (!firstSuccess.containsKey(system)) {
                firstSuccess.put(system, last);
                all = false;
            } else if (!last.isAfter(firstSuccess.get(system))) {
                all = false;
            }
        }
        done = all;
        return done;
    }
}
