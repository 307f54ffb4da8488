package io.stagesync.connector.spi;

import io.stagesync.settings.Setting;
import java.time.Duration;

/**
 * A connector's validated settings (what {@link SystemConnector#readSettings} returns and
 * {@link ConnectorContext#settings()} hands back to its {@link SystemConnector#build}). Immutable; its
 * {@code toString()} masks secrets.
 */
public interface SystemSettings {
    /**
     * Key suffix of a connector's look-back window, under its own section: {@code stagesync.NAME.look-back-seconds}
     * (whole seconds, 0 = none). A connector whose API can show a change with a stamp its last read already passed
     * declares it ({@link #lookBackSetting}) and returns it from {@link #lookBack()}.
     */
    String LOOK_BACK_KEY = "look-back-seconds";

    /** The longest look-back window a connector may declare or be given, in seconds (one hour). */
    int MAX_LOOK_BACK_SECONDS = 3600;

    /**
     * The declaration of {@code PREFIX}{@value #LOOK_BACK_KEY}, for a connector's {@link SystemConnector#settings()}.
     *
     * @param prefix         the connector's prefix, e.g. {@code stagesync.netsuite.}
     * @param defaultSeconds the window its API needs, 0..{@value #MAX_LOOK_BACK_SECONDS}
     * @param why            why its API needs one (what is read late), for the configuration page
     */
    static Setting lookBackSetting(String prefix, int defaultSeconds, String why) {
        return Setting.integer(prefix + LOOK_BACK_KEY, defaultSeconds, 0, MAX_LOOK_BACK_SECONDS,
                "how far behind its watermark each poll reads again (0 = off): " + why);
    }

    /** Key suffix of a connector's daily call allowance, under its own section: {@code stagesync.NAME.daily-calls}. */
    String DAILY_CALLS_KEY = "daily-calls";

    /**
     * The declaration of {@code PREFIX}{@value #DAILY_CALLS_KEY} (a whole number ≥ 1, empty by default), for a
     * connector whose system counts calls per day without reporting the count: the calls stagesync counts are shown
     * against it.
     *
     * @param what what the number is for this system (where the admin finds it), for the configuration page
     */
    static Setting dailyCallsSetting(String prefix, String what) {
        return Setting.of(prefix + DAILY_CALLS_KEY, Setting.Type.INT, what).withBounds(1L, null).withDefault("");
    }

    /**
     * The daily API calls the system allows, to show the calls stagesync counts against; empty (the default) when
     * unknown. A system that reports its own usage ({@link SystemConnector#reportsItsOwnUsage()}) needs none.
     */
    default java.util.OptionalLong dailyCallAllowance() {
        return java.util.OptionalLong.empty();
    }

    /**
     * How far behind its watermark each poll of this system starts reading again, so a change that becomes visible
     * with a stamp the last read already passed is still read; {@link Duration#ZERO} (the default) for none.
     */
    default Duration lookBack() {
        return Duration.ZERO;
    }

    /**
     * How many calls to the system may run at once, from 1 up: the default of the system's
     * {@code stagesync.resilience.NAME.max-concurrent-calls}.
     */
    int maxConcurrentCalls();
}
