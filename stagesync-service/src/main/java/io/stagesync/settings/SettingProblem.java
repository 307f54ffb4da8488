package io.stagesync.settings;

import java.util.Objects;

/**
 * One problem with one setting: the key at fault and what is wrong with its value. The key is data, so whoever
 * reports the problem (a config error with the key's line, a log line) never has to find it in a sentence.
 *
 * @param key     the full key, e.g. {@code stagesync.netsuite.page-size}
 * @param message what is wrong, worded to follow the key ({@code "must be a whole number from 1 to 1000; got 'x'"});
 *                never a secret's value
 */
public record SettingProblem(String key, String message) {
    public SettingProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** The key and the message as one sentence: {@code "KEY MESSAGE"} ({@code "KEY: MESSAGE"} when it starts so). */
    public String text() {
        return message.startsWith(":") ? key + message : key + " " + message;
    }

    /** The message without a leading {@code ": "}, for a report that shows the key in a column of its own. */
    public String detail() {
        return message.replaceFirst("^[:\\s]+", "");
    }

    @Override
    public String toString() {
        return text();
    }
}
