package io.stagesync.store;

/**
 * A link would give one external id two canonical ids, or one canonical id two external ids in the
 * same system and object type. Not retriable as is: identity resolution must decide which link is right.
 */
public class XrefConflictException extends StoreException {

    public XrefConflictException(String message) {
        super(message);
    }
}
