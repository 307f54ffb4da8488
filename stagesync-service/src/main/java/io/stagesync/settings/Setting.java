package io.stagesync.settings;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The declaration of one setting: its key, its type, its default, its bounds, whether it is a secret, and what it
 * means to an admin. Every key stagesync reads is declared once as a {@code Setting} (general keys in
 * {@code config.SettingKey}, each connector's in its settings class, resilience keys in
 * {@code ResilienceSettingsReader}); the set of known keys, the secret masking, the bounds of whole numbers and the
 * rows of {@code docs/configuration.md} all come from these declarations.
 *
 * <p>Immutable. Built with one of the type factories and refined with the {@code with…}/{@code required()} methods,
 * each returning a copy.
 *
 * @param key          the full key, e.g. {@code stagesync.netsuite.page-size} (a template may hold {@code SYSTEM})
 * @param type         what kind of value it takes
 * @param defaultValue the value used when the key is absent or blank, as written in a properties file; null when
 *                     there is none (the setting is required, optional, or its default is derived: see
 *                     {@code defaultNote})
 * @param defaultNote  how the docs show the default when it is not a literal (markdown, e.g. {@code *(discovered)*});
 *                     null to render {@code defaultValue}
 * @param required     whether a value must be given (the connector's checks say under which conditions)
 * @param min          the least whole number accepted ({@link Type#INT} only), or null
 * @param max          the greatest whole number accepted ({@link Type#INT} only), or null
 * @param typeNote     how the docs show the type when the bounds alone do not say it (e.g. {@code int ≥ initial});
 *                     null to render it from type and bounds
 * @param doc          what the setting means, for {@code docs/configuration.md} (markdown, one line)
 */
public record Setting(String key, Type type, String defaultValue, String defaultNote, boolean required, Long min,
                      Long max, String typeNote, String doc) {

    /** The kinds of value a setting takes, with the word the docs use for each. */
    public enum Type {
        TEXT("text"), SECRET("secret"), INT("int"), BOOL("bool"), URL("URL"), JDBC_URL("JDBC URL"), HOST("host"),
        PATH("path"), CHOICE("choice"), LIST("list"), ZONE("zone"), FIELD_NAME("field name"), DIGITS("digits"),
        SALESFORCE_ID("Salesforce id"), API_VERSION("`NN.0`");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        /** The word {@code docs/configuration.md} shows in the type column. */
        public String word() {
            return word;
        }
    }

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        if (!key.startsWith("stagesync.")) {
            throw new IllegalArgumentException("a setting's key starts with stagesync.: " + key);
        }
        if ((min != null || max != null) && type != Type.INT) {
            throw new IllegalArgumentException(key + ": only whole numbers have bounds");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(key + ": min " + min + " above max " + max);
        }
    }

    /** A setting of {@code type} without default. */
    public static Setting of(String key, Type type, String doc) {
        return new Setting(key, type, null, null, false, null, null, null, doc);
    }

    /** Free text without default. */
    public static Setting text(String key, String doc) {
        return of(key, Type.TEXT, doc);
    }

    /** A secret: given only as {@code ${env:NAME}} or {@code ${file:PATH}}, never shown. No default. */
    public static Setting secret(String key, String doc) {
        return of(key, Type.SECRET, doc);
    }

    /** A whole number from {@code min} to {@code max} with a default. */
    public static Setting integer(String key, long defaultValue, long min, long max, String doc) {
        return new Setting(key, Type.INT, Long.toString(defaultValue), null, false, min, max, null, doc);
    }

    /** A copy whose value defaults to {@code value} (as written in a properties file; "" = empty). */
    public Setting withDefault(String value) {
        return new Setting(key, type, value, defaultNote, required, min, max, typeNote, doc);
    }

    /** A copy whose default the docs show as {@code note} (markdown) instead of a literal value. */
    public Setting withDefaultNote(String note) {
        return new Setting(key, type, defaultValue, note, required, min, max, typeNote, doc);
    }

    /** A copy that accepts whole numbers from {@code least} up to {@code most} (null = unbounded). */
    public Setting withBounds(Long least, Long most) {
        return new Setting(key, type, defaultValue, defaultNote, required, least, most, typeNote, doc);
    }

    /** A copy whose type the docs show as {@code note} (markdown). */
    public Setting withTypeNote(String note) {
        return new Setting(key, type, defaultValue, defaultNote, required, min, max, note, doc);
    }

    /** A copy that must be given. */
    public Setting asRequired() {
        return new Setting(key, type, defaultValue, defaultNote, true, min, max, typeNote, doc);
    }

    /** The same declaration under another key: {@code SYSTEM} in a template's key replaced by {@code system}. */
    public Setting forSystem(String system) {
        return new Setting(key.replace("SYSTEM", system), type, defaultValue, defaultNote, required, min, max,
                typeNote, doc);
    }

    /** Whether the value is a secret: given only by reference, masked in logs and listings. */
    public boolean secret() {
        return type == Type.SECRET;
    }

    /** The default as a whole number; fails for a setting without a numeric default (a declaration error). */
    public int defaultInt() {
        if (defaultValue == null || type != Type.INT) {
            throw new IllegalStateException(key + " has no whole-number default");
        }
        return Integer.parseInt(defaultValue);
    }

    /**
     * The problem with a whole-number value, or null when it is one within the bounds.
     *
     * @param value the trimmed value
     * @return e.g. {@code "must be a whole number from 1 to 1000; got 'x'"}
     */
    public String checkInt(String value) {
        try {
            long n = Integer.parseInt(value.trim());
            if ((min == null || n >= min) && (max == null || n <= max)) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return "must be a whole number " + boundsInWords() + "; got '" + value + "'";
    }

    private String boundsInWords() {
        if (min != null && max != null) {
            return "from " + min + " to " + max;
        }
        if (min != null) {
            return "of at least " + min;
        }
        return max == null ? "" : "of at most " + max;
    }

    /** The type column of the docs: {@code typeNote}, or the type's word with the bounds ({@code int 1–1000}). */
    public String typeCell() {
        if (typeNote != null) {
            return typeNote;
        }
        if (type != Type.INT) {
            return type.word();
        }
        if (min != null && max != null) {
            return "int " + min + "–" + max;
        }
        if (min != null) {
            return "int ≥ " + min;
        }
        return "int";
    }

    /** The default column of the docs: the note, the literal in backticks, {@code *(empty)*}, or a dash. */
    public String defaultCell() {
        if (defaultNote != null) {
            return defaultNote;
        }
        if (defaultValue != null) {
            return defaultValue.isEmpty() ? "*(empty)*" : "`" + defaultValue + "`";
        }
        return required ? "— (required)" : "—";
    }

    /** The setting's row of a table in {@code docs/configuration.md}: {@code | `key` | type | default | doc |}. */
    public String docRow() {
        return "| `" + key + "` | " + typeCell() + " | " + defaultCell() + " | " + doc + " |";
    }

    /** The keys of {@code settings}, in their order. */
    public static Set<String> keysOf(Collection<Setting> settings) {
        Set<String> keys = new LinkedHashSet<>();
        settings.forEach(setting -> keys.add(setting.key()));
        return java.util.Collections.unmodifiableSet(keys);
    }

    /** The keys of the secrets among {@code settings}. */
    public static Set<String> secretKeysOf(Collection<Setting> settings) {
        Set<String> keys = new LinkedHashSet<>();
        settings.stream().filter(Setting::secret).forEach(setting -> keys.add(setting.key()));
        return java.util.Collections.unmodifiableSet(keys);
    }
}
