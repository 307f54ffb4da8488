package io.stagesync.sync;

import io.stagesync.store.DeadLetterStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The record keys dead letters are matched by (see {@link DeadLetterStore#addOrUpdate}): one per record read from a
 * system ({@code read SYSTEM OBJECT ID}) and one per canonical record written to a target object
 * ({@code write SYSTEM OBJECT CANONICAL-ID}). A key never exceeds {@link DeadLetterStore#MAX_RECORD_KEY_CHARS}: an
 * id too long for it is replaced by its SHA-256. Pure functions, thread-safe.
 */
final class DeadLetterKeys {
    private static final int MAX_ID_CHARS = 200;

    private DeadLetterKeys() {
    }

    /** The key of a record read from {@code system}'s {@code object} with id {@code id}. */
    static String read(String system, String object, String id) {
        return "read " + system + " " + object + " " + shortened(id);
    }

    /** The key of the writes of canonical record {@code canonicalId} to {@code system}'s {@code object}. */
    static String write(String system, String object, String canonicalId) {
        return "write " + system + " " + object + " " + shortened(canonicalId);
    }

    private static String shortened(String id) {
        if (id.length() <= MAX_ID_CHARS) {
            return id;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
