package io.stagesync.mapping;

import io.stagesync.model.EntityType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * All object mappings, the field ownership rules, where a won deal's sales order goes and which person a record
 * matching several by email is linked to. Immutable; built by the loader after validation.
 */
public final class SyncMappings {
    private final List<ObjectMapping> objects;
    private final Map<EntityType, Map<String, OwnershipRule>> ownership;
    private final OwnershipRule defaultRule;
    private final SalesOrderTarget salesOrders;
    private final PersonPreference personPreference;

    /** Mappings with no sales orders and no person preference. */
    public SyncMappings(List<ObjectMapping> objects, Map<EntityType, Map<String, OwnershipRule>> ownership,
                        OwnershipRule defaultRule) {
        this(objects, ownership, defaultRule, null, PersonPreference.none());
    }

    /**
     * @param salesOrders      nullable: where won deals' sales orders go; null = no sales orders
     * @param personPreference which person wins a match by email among several
     */
    public SyncMappings(List<ObjectMapping> objects, Map<EntityType, Map<String, OwnershipRule>> ownership,
                        OwnershipRule defaultRule, SalesOrderTarget salesOrders, PersonPreference personPreference) {
        this.objects = List.copyOf(objects);
        this.ownership = Map.copyOf(ownership);
        this.defaultRule = Objects.requireNonNull(defaultRule, "defaultRule");
        this.salesOrders = salesOrders;
        this.personPreference = Objects.requireNonNull(personPreference, "personPreference");
    }

    /** Where won deals' sales orders go; empty when no mapping file declares {@code sales-orders}. */
    public Optional<SalesOrderTarget> salesOrders() {
        return Optional.ofNullable(salesOrders);
    }

    /** Which person a record matching several known people by email is linked to. */
    public PersonPreference personPreference() {
        return personPreference;
    }

    public List<ObjectMapping> objects() {
        return objects;
    }

    /** The mapping of one system object. */
    public Optional<ObjectMapping> find(String system, String object) {
        return objects.stream().filter(o -> o.system().equals(system) && o.object().equals(object)).findFirst();
    }

    /** The objects of other systems than {@code system} that map the same entity, in config order. */
    public List<ObjectMapping> counterparts(String system, EntityType entity) {
        return objects.stream().filter(o -> !o.system().equals(system) && o.entity() == entity).toList();
    }

    /** The objects of a system, in config order (the order polls read them: accounts before their contacts). */
    public List<ObjectMapping> objectsOf(String system) {
        return objects.stream().filter(o -> o.system().equals(system)).toList();
    }

    /** The rule for one canonical field of an entity (the default when none is configured). */
    public OwnershipRule ownership(EntityType entity, String canonicalField) {
        return ownership.getOrDefault(entity, Map.of()).getOrDefault(canonicalField, defaultRule);
    }
}
