package io.stagesync.queue;

/**
 * The queue did not take a page: its brokers could not be reached, did not acknowledge in time, or refused the
 * topic. Nothing is lost: the capture leaves its watermark where it was and reads the page again at its next poll.
 */
public final class QueueUnavailableException extends RuntimeException {
    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
