package io.stagesync.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The 64-bit key of a namespace's PostgreSQL advisory lock: the first 8 bytes of SHA-256("stagesync:" + namespace). */
final class AdvisoryLockKey {
    private AdvisoryLockKey() {
    }

    static long of(String namespace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("stagesync:" + namespace).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
