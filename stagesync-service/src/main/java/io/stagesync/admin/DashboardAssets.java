package io.stagesync.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The dashboard's files: the page and the script and stylesheet it loads, read once from the classpath
 * folder {@value #FOLDER}. Only these named files are served; any other name is unknown. The page holds no
 * data: it reads the admin API with the token the user gives it. Immutable, thread-safe.
 */
final class DashboardAssets {
    static final String FOLDER = "dashboard/";
    static final String PAGE = "index.html";
    /** The files the page loads, by the name in {@code /dashboard/NAME}, with their media types. */
    static final Map<String, String> TYPES = Map.of(
            PAGE, "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8");

    /** One file: its name, media type and bytes. */
    record Asset(String name, String contentType, byte[] body) {
        Asset {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }

    private final Map<String, Asset> assets;

    private DashboardAssets(Map<String, Asset> assets) {
        this.assets = Map.copyOf(assets);
    }

    /**
     * Reads every file of {@link #TYPES} with the given class loader.
     *
     * @throws IllegalStateException when one is missing (a broken build, reported at start-up)
     */
    static DashboardAssets fromClasspath(ClassLoader loader) {
        Map<String, Asset> read = new LinkedHashMap<>();
        TYPES.forEach((name, type) -> {
            try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard file " + FOLDER + name + " is not on the classpath");
                }
                read.put(name, new Asset(name, type, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the dashboard file " + FOLDER + name, e);
            }
        });
        return new DashboardAssets(read);
    }

    /** The page itself. */
    Asset page() {
        return assets.get(PAGE);
    }

    /** The file of that name, if it is one of the dashboard's; names are matched exactly. */
    Optional<Asset> find(String name) {
        return Optional.ofNullable(assets.get(name));
    }
}
