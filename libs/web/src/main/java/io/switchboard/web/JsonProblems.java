package io.switchboard.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.switchboard.web.input.JsonPaths;
import io.switchboard.web.input.UnacceptableJsonException;
import io.switchboard.events.WireTime;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns why Jackson could not read a body into the field at fault (its JSON name, as the client
 * sent it) and a message that says what was expected, without echoing the client's content.
 */
final class JsonProblems {
    static final String NOT_JSON = "not valid JSON";

    private JsonProblems() {
    }

    static Problem.FieldError describe(Throwable e) {
        JsonMappingException mapping = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? m : null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnacceptableJsonException unacceptable) {
                return new Problem.FieldError(unacceptable.field(), unacceptable.reason());
            }
            if (cause instanceof StreamConstraintsException limit) {
                // The outermost field: the path to a too-deep value is as long as the nesting.
                String field = mapping != null ? name(mapping.getPath().get(0)) : top(limit);
                return new Problem.FieldError(field, "exceeds a limit of the API: " + limit.getOriginalMessage());
            }
        }
        if (mapping != null) {
            String field = mapping.getPath().stream().map(JsonProblems::name)
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return new Problem.FieldError(field, expected(mapping));
        }
        if (e instanceof JsonProcessingException processing && processing.getProcessor() instanceof JsonParser parser) {
            String message = String.valueOf(processing.getOriginalMessage());
            if (message.startsWith("Duplicate field")) {
                return new Problem.FieldError(JsonPaths.of(parser.getParsingContext()), "appears more than once");
            }
            if (message.startsWith("Trailing token")) {
                return new Problem.FieldError("body", "has content after the JSON document");
            }
        }
        return new Problem.FieldError("body", NOT_JSON);
    }

    private static String name(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? JsonPaths.printable(reference.getFieldName())
                : "[" + reference.getIndex() + "]";
    }

    private static String top(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser parser ? JsonPaths.top(parser.getParsingContext()) : "body";
    }

    private static String expected(JsonMappingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException) {
                return "is out of range";
            }
        }
        Class<?> type = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "has the wrong type or format";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type == long.class || type == int.class || type == short.class || type == Long.class || type == Integer.class
                || type == Short.class || type == BigInteger.class) {
            return "must be an integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == Instant.class) {
            return WireTime.EXPECTED;
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (type.isEnum()) {
            return "is not one of the allowed values";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type or format";
    }
}
