package io.switchboard.testing.hostile;

/**
 * The kinds of hostile input the corpus generates. A family that is always hostile must be refused
 * (4xx, problem+json, nothing written); an edge family ({@link #hostile()} false) holds values a
 * careful API may accept, so it only must never end in a 5xx, and if refused, refused cleanly.
 */
public enum Family {
    NUL("a NUL character in a string, key, path or query parameter", true),
    OVERLONG("a value one past its limit (or far beyond, where the schema names none)", true),
    WRONG_TYPE("a value of another JSON type than the field's", true),
    FLOAT_FOR_INTEGER("a fraction where an integer belongs", true),
    DUPLICATE_KEY("the same key twice in one object", true),
    TRAILING_GARBAGE("content after the JSON document", true),
    EMPTY_BODY("no body where one is required", true),
    NULL_BODY("the JSON literal null as the body", true),
    DEEP_NESTING("arrays nested far beyond any sane depth", true),
    WRONG_CONTENT_TYPE("a body that is not declared as JSON", true),
    MATRIX_PARAM("matrix parameters (;) in the path", true),
    BAD_DATE("a date out of range or garbled", true),
    UNKNOWN_FILTER("a list parameter the list does not have", true),
    EXTREME_NUMBER("a number below the minimum or beyond 64 bits", true),
    LONE_SURROGATE("half of a UTF-16 surrogate pair", true),
    BAD_PARAMETER("a query parameter of the wrong shape (paging, sorting, ids)", true),
    UNICODE("right-to-left overrides, emoji, combining marks: valid text", false),
    NULL_VALUE("an explicit null for a field", false),
    EDGE_NUMBER("the largest 64-bit integer, or a negative one where the schema states no minimum", false),
    /** Not hostile: the request as the OpenAPI document and the test's sample describe it ({@link CorpusRun#accepted}). */
    VALID("the request as the OpenAPI document describes it, unchanged", false);

    private final String description;
    private final boolean hostile;

    Family(String description, boolean hostile) {
        this.description = description;
        this.hostile = hostile;
    }

    public String description() {
        return description;
    }

    public boolean hostile() {
        return hostile;
    }
}
