package io.switchboard.redaction.domain;

import java.util.List;
import java.util.Set;

/**
 * The built-in entity types of the redacted messages API (docs/api/redacted-messages.md#entity-types). A
 * partner's custom entities add labels of their own ({@link CustomEntity}).
 */
public final class EntityTypes {
    public static final String NAME = "NAME";
    public static final String EMAIL = "EMAIL";
    public static final String MONEY = "MONEY";
    public static final String GPE = "GPE";
    public static final String DATE = "DATE";
    public static final String TIME = "TIME";
    public static final String ORG = "ORG";
    public static final String NUMERIC = "NUMERIC";
    public static final String ID = "ID";

    /** In the order of the API's table. */
    public static final List<String> BUILT_IN = List.of(GPE, DATE, TIME, ORG, NAME, MONEY, EMAIL, NUMERIC, ID);
    private static final Set<String> KNOWN = Set.copyOf(BUILT_IN);

    private EntityTypes() {
    }

    public static boolean isBuiltIn(String type) {
        return KNOWN.contains(type) || Analysis.UNANALYSED.equals(type);
    }
}
