package io.stagesync.connector.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The connectors a build holds, found with {@link ServiceLoader} in
 * {@code META-INF/services/io.stagesync.connector.spi.SystemConnector} files, by name. Immutable and thread-safe.
 */
public final class SystemConnectors {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");
    private static final SystemConnectors INSTALLED = load(SystemConnectors.class.getClassLoader());

    private final Map<String, SystemConnector> byName;

    private SystemConnectors(Map<String, SystemConnector> byName) {
        this.byName = java.util.Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /** The connectors on stagesync's own class path (what {@code run} and {@code validate} use); loaded once. */
    public static SystemConnectors installed() {
        return INSTALLED;
    }

    /**
     * The connectors {@code loader} finds (e.g. a class loader that adds a plug-in's jar or services file).
     *
     * @throws IllegalStateException when a services file names a class that cannot be loaded or built, when a name
     *                               is not lower-case letters and digits, or when two connectors share a name
     */
    public static SystemConnectors load(ClassLoader loader) {
        Map<String, SystemConnector> byName = new LinkedHashMap<>();
        try {
            for (SystemConnector connector : ServiceLoader.load(SystemConnector.class, loader)) {
                add(byName, connector);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("a connector listed in META-INF/services/" + SystemConnector.class.getName()
                    + " cannot be loaded: " + e.getMessage(), e);
        }
        return new SystemConnectors(byName);
    }

    /** Exactly these connectors (tests, embedding). */
    public static SystemConnectors of(Collection<? extends SystemConnector> connectors) {
        Map<String, SystemConnector> byName = new LinkedHashMap<>();
        connectors.forEach(c -> add(byName, c));
        return new SystemConnectors(byName);
    }

    private static void add(Map<String, SystemConnector> byName, SystemConnector connector) {
        String name = Objects.requireNonNull(connector.name(), () -> connector.getClass().getName() + ".name()");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("connector " + connector.getClass().getName() + " is named '" + name
                    + "': a connector's name is lower-case letters and digits, starting with a letter");
        }
        SystemConnector before = byName.putIfAbsent(name, connector);
        if (before != null) {
            throw new IllegalStateException("two connectors are named '" + name + "': "
                    + before.getClass().getName() + " and " + connector.getClass().getName());
        }
    }

    /** The connector of that name, if this build holds one. */
    public Optional<SystemConnector> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every connector's name, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * Each connector's declared default look-back window ({@code stagesync.NAME.}{@value SystemSettings#LOOK_BACK_KEY}),
     * for engines built without a config (tests, tools); connectors that declare none are absent.
     */
    public Map<String, java.time.Duration> lookBackDefaults() {
        Map<String, java.time.Duration> windows = new LinkedHashMap<>();
        for (SystemConnector connector : byName.values()) {
            String key = "stagesync." + connector.name() + "." + SystemSettings.LOOK_BACK_KEY;
            connector.settings().stream().filter(s -> s.key().equals(key)).findFirst()
                    .ifPresent(s -> windows.put(connector.name(), java.time.Duration.ofSeconds(s.defaultInt())));
        }
        return Map.copyOf(windows);
    }

    /** Every connector, sorted by name. */
    public List<SystemConnector> all() {
        return List.copyOf(byName.values());
    }
}
