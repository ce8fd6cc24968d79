package io.switchboard.web.input;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/**
 * Well-formed JSON carrying a value no Switchboard service accepts anywhere (a NUL character,
 * which PostgreSQL cannot store, or half of a UTF-16 surrogate pair, which is not Unicode text);
 * {@code field} names where it was found. Thrown by the parser, so it reaches every body, whatever
 * type it is read into.
 */
public class UnacceptableJsonException extends JsonParseException {
    private final String field;
    private final String reason;

    UnacceptableJsonException(JsonParser parser, String field, String reason) {
        super(parser, field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
