package io.stagesync.store.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Run in a separate JVM by {@link H2StateStoreTest}: opens the H2 database {@code args[0]} (which locks its
 * file), prints {@code LOCKED} and holds the lock until its standard input closes.
 */
public final class H2FileLockHolder {

    private H2FileLockHolder() {
    }

    public static void main(String[] args) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
            System.out.println("LOCKED");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the connection until the parent closes our stdin
            }
        }
    }
}
