package io.stagesync.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of canonical record the stage model applies to.
 *
 * <p>{@code PERSON} is a Salesforce Lead or Contact, an Eloqua contact or a Pardot prospect;
 * {@code ACCOUNT} a Salesforce Account or a NetSuite customer; {@code DEAL} a Salesforce or
 * NetSuite opportunity. Config files spell them in lower case.
 */
public enum EntityType {
    PERSON, ACCOUNT, DEAL;

    /** The config spelling, e.g. {@code "person"}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the config spelling (case-insensitive); empty when {@code text} names no entity. */
    public static Optional<EntityType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(e -> e.configName().equalsIgnoreCase(text.trim()))
                .findFirst();
    }

    /** All config spellings, comma separated, for error messages. */
    public static String allNames() {
        return Arrays.stream(values()).map(EntityType::configName).collect(Collectors.joining(", "));
    }
}
