package io.stagesync.sandbox.salesforce;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sObjects and fields the Salesforce simulator knows: Lead, Contact, Account, Opportunity and Campaign with
 * their key prefixes and the standard fields an integration touches, each with its type, length, whether it
 * is required and whether the API may write it. API names are case-insensitive, as in Salesforce.
 *
 * <p>Custom fields: the ones the shipped mappings use are declared ({@code Lead_Score__c} a number, the link
 * and lifecycle fields text); any other name ending in {@code __c} is accepted as a text/number/boolean field of
 * that name, so an admin's extra custom field works without declaring it here. Every custom field can serve as
 * an upsert key (an External ID in Salesforce terms). Immutable and thread-safe.
 */
final class SalesforceSchema {

    /** Field types, as far as the simulator checks and formats values. */
    enum Type { ID, REFERENCE, TEXT, EMAIL, PICKLIST, BOOLEAN, INTEGER, DOUBLE, DATE, DATETIME, ANY }

    /**
     * @param refTo    for a REFERENCE, the object it must point to when the simulator keeps that object, else null
     * @param label    the field label used in Salesforce's error messages
     */
    record Field(String name, Type type, int maxLength, boolean required, boolean writable, String refTo, String label) {
        boolean isCustom() {
            return name.toLowerCase(Locale.ROOT).endsWith("__c");
        }
    }

    /** One sObject type: its API name, 3-character key prefix and fields (by lower-case name). */
    record SObjectType(String name, String keyPrefix, Map<String, Field> fields) {
        /** The field of that (case-insensitive) name: declared, or an undeclared custom field. */
        Optional<Field> field(String name) {
            Field declared = fields.get(name.toLowerCase(Locale.ROOT));
            if (declared != null) {
                return Optional.of(declared);
            }
            if (name.toLowerCase(Locale.ROOT).endsWith("__c") && name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                return Optional.of(new Field(name, Type.ANY, 255, false, true, null, name));
            }
            return Optional.empty();
        }

        List<Field> required() {
            return fields.values().stream().filter(Field::required).toList();
        }
    }

    private static final Map<String, SObjectType> TYPES = new LinkedHashMap<>();

    static {
        define("Lead", "00Q",
                text("FirstName", 40), required(text("LastName", 80)), required(text("Company", 255)),
                text("Title", 128), new Field("Email", Type.EMAIL, 80, false, true, null, "Email"), text("Phone", 40),
                text("MobilePhone", 40), text("Website", 255), picklist("Status"), picklist("LeadSource"),
                picklist("Rating"), picklist("Industry"), text("Street", 255), text("City", 40), text("State", 80),
                text("PostalCode", 20), text("Country", 80), of("AnnualRevenue", Type.DOUBLE),
                of("NumberOfEmployees", Type.INTEGER), of("HasOptedOutOfEmail", Type.BOOLEAN),
                of("DoNotCall", Type.BOOLEAN), readOnly("IsConverted", Type.BOOLEAN), readOnly("ConvertedDate", Type.DATE),
                readOnlyRef("ConvertedAccountId", "Account"), readOnlyRef("ConvertedContactId", "Contact"),
                readOnlyRef("ConvertedOpportunityId", "Opportunity"), readOnly("Name", Type.TEXT),
                of("Lead_Score__c", Type.DOUBLE), text("Loss_Reason__c", 255), text("Pardot_Id__c", 255),
                text("Eloqua_Id__c", 255), text("Lifecycle_Stage__c", 255), of("Budget_Confirmed__c", Type.BOOLEAN),
                of("Authority_Confirmed__c", Type.BOOLEAN), of("Need_Confirmed__c", Type.BOOLEAN),
                of("Timeline_Confirmed__c", Type.BOOLEAN), readOnlyRef("MasterRecordId", "Lead"));
        define("Contact", "003",
                reference("AccountId", "Account"), text("FirstName", 40), required(text("LastName", 80)),
                text("Title", 128), text("Department", 80), new Field("Email", Type.EMAIL, 80, false, true, null, "Email"),
                text("Phone", 40), text("MobilePhone", 40), picklist("LeadSource"), of("HasOptedOutOfEmail", Type.BOOLEAN),
                of("DoNotCall", Type.BOOLEAN), text("MailingCity", 40), text("MailingCountry", 80),
                readOnly("Name", Type.TEXT), text("Loss_Reason__c", 255), text("NetSuite_Id__c", 255),
                text("Lifecycle_Stage__c", 255), of("Budget_Confirmed__c", Type.BOOLEAN),
                of("Authority_Confirmed__c", Type.BOOLEAN), of("Need_Confirmed__c", Type.BOOLEAN),
                of("Timeline_Confirmed__c", Type.BOOLEAN), readOnlyRef("MasterRecordId", "Contact"));
        define("Account", "001",
                required(text("Name", 255)), text("Website", 255), text("Phone", 40), picklist("Type"),
                picklist("Industry"), of("AnnualRevenue", Type.DOUBLE), of("NumberOfEmployees", Type.INTEGER),
                text("BillingCity", 40), text("BillingCountry", 80), text("Description", 32000),
                text("NetSuite_Id__c", 255), text("Lifecycle_Stage__c", 255), readOnlyRef("MasterRecordId", "Account"));
        define("Opportunity", "006",
                required(text("Name", 120)), reference("AccountId", "Account"), of("Amount", Type.DOUBLE),
                required(of("CloseDate", Type.DATE)), required(picklist("StageName")), of("Probability", Type.DOUBLE),
                picklist("Type"), picklist("LeadSource"), reference("CampaignId", "Campaign"),
                text("Description", 32000), readOnly("IsClosed", Type.BOOLEAN), readOnly("IsWon", Type.BOOLEAN),
                text("NetSuite_Id__c", 255));
        define("Campaign", "701",
                required(text("Name", 80)), picklist("Type"), picklist("Status"), of("StartDate", Type.DATE),
                of("EndDate", Type.DATE), of("ActualCost", Type.DOUBLE), of("BudgetedCost", Type.DOUBLE),
                of("ExpectedRevenue", Type.DOUBLE), of("IsActive", Type.BOOLEAN), text("Description", 32000));
    }

    private SalesforceSchema() {
    }

    /** The type of that (case-insensitive) API name. */
    static Optional<SObjectType> type(String name) {
        return Optional.ofNullable(TYPES.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The known type names, e.g. for error messages. */
    static Collection<String> typeNames() {
        return TYPES.values().stream().map(SObjectType::name).toList();
    }

    /** The type whose ids start with this prefix. */
    static Optional<SObjectType> typeOfId(String id) {
        return id == null || id.length() < 3 ? Optional.empty()
                : TYPES.values().stream().filter(t -> id.startsWith(t.keyPrefix())).findFirst();
    }

    private static void define(String name, String prefix, Field... fields) {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field f : List.of(
                new Field("Id", Type.ID, 18, false, false, null, "Record ID"),
                new Field("OwnerId", Type.REFERENCE, 18, false, true, null, "Owner ID"),
                readOnly("CreatedDate", Type.DATETIME), readOnly("LastModifiedDate", Type.DATETIME),
                readOnly("SystemModstamp", Type.DATETIME), readOnly("IsDeleted", Type.BOOLEAN),
                readOnlyRef("CreatedById", null), readOnlyRef("LastModifiedById", null))) {
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        for (Field f : fields) {
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        TYPES.put(name.toLowerCase(Locale.ROOT), new SObjectType(name, prefix, Map.copyOf(byName)));
    }

    private static Field text(String name, int maxLength) {
        return new Field(name, Type.TEXT, maxLength, false, true, null, label(name));
    }

    private static Field picklist(String name) {
        return new Field(name, Type.PICKLIST, 255, false, true, null, label(name));
    }

    private static Field of(String name, Type type) {
        return new Field(name, type, 0, false, true, null, label(name));
    }

    private static Field reference(String name, String refTo) {
        return new Field(name, Type.REFERENCE, 18, false, true, refTo, label(name));
    }

    private static Field readOnly(String name, Type type) {
        return new Field(name, type, 0, false, false, null, label(name));
    }

    private static Field readOnlyRef(String name, String refTo) {
        return new Field(name, Type.REFERENCE, 18, false, false, refTo, label(name));
    }

    private static Field required(Field f) {
        return new Field(f.name(), f.type(), f.maxLength(), true, f.writable(), f.refTo(), f.label());
    }

    /** "LastName" → "Last Name", "AccountId" → "Account ID", as Salesforce labels them in messages. */
    private static String label(String name) {
        String base = name.endsWith("Id") && name.length() > 2 ? name.substring(0, name.length() - 2) + " ID" : name;
        return base.replaceAll("(?<=[a-z])(?=[A-Z])", " ");
    }
}
