package io.stagesync.mapping;

import java.util.Objects;

/**
 * Where a won deal's sales order goes: the order system (the one whose mapping file declares {@code sales-orders}),
 * the record type created there for each won deal, and the object of that system whose record is the order's
 * customer (its id is the derived canonical field {@code erpCustomerId}). Immutable.
 *
 * @param system         the order system, e.g. {@code netsuite}
 * @param object         the record type of a sales order there, e.g. {@code salesOrder}; not an object the system maps
 * @param customerObject an account object the same system maps, e.g. {@code customer}
 */
public record SalesOrderTarget(String system, String object, String customerObject) {
    public SalesOrderTarget {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(customerObject, "customerObject");
    }

    /** Whether {@code system object} is this sales order's record type. */
    public boolean is(String system, String object) {
        return this.system.equals(system) && this.object.equals(object);
    }
}
