package io.stagesync.store;

/**
 * An instance that lost the lead of a capture tried to move its watermark or stream position: refused, so a
 * deposed leader cannot move one back over what the new leader wrote.
 */
public final class FencedOutException extends RuntimeException {
    public FencedOutException(String message) {
        super(message);
    }
}
