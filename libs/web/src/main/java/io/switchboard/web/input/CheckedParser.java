package io.switchboard.web.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;

/**
 * Looks at every string value and every field name as it is read and refuses NUL characters and
 * unpaired surrogates; a limit of {@code StreamReadConstraints} hit while reading is reported at the
 * field where it happened. Every way of reading ({@code nextFieldName}, {@code nextTextValue}, trees,
 * {@code Map<String, Object>}) goes through {@link #nextToken()}; skipped content is walked token by
 * token too, so nothing escapes the check.
 */
final class CheckedParser extends JsonParserDelegate {

    CheckedParser(JsonParser delegate) {
        super(delegate);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token;
        try {
            token = delegate.nextToken();
        } catch (StreamConstraintsException limit) {
            // Named where it happened; for nesting, by the outermost field (the path is as deep as the nesting).
            JsonStreamContext at = delegate.getParsingContext();
            throw new UnacceptableJsonException(this, at.getNestingDepth() >= StrictJson.MAX_DEPTH - 1
                    ? JsonPaths.top(at) : JsonPaths.of(at), "exceeds a limit of the API: " + limit.getOriginalMessage());
        }
        if (token == JsonToken.VALUE_STRING) {
            check(delegate.getTextCharacters(), delegate.getTextOffset(), delegate.getTextLength());
        } else if (token == JsonToken.FIELD_NAME) {
            String name = delegate.currentName();
            check(name.toCharArray(), 0, name.length());
        }
        return token;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        JsonToken current = delegate.currentToken();
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return this;
        }
        int open = 1;
        while (open > 0) {
            JsonToken token = nextToken();
            if (token == null) {
                return this;
            }
            if (token.isStructStart()) {
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
        return this;
    }

    private void check(char[] text, int offset, int length) throws UnacceptableJsonException {
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = text[i];
            if (c == '\u0000') {
                throw new UnacceptableJsonException(this, JsonPaths.of(delegate.getParsingContext()),
                        "must not contain a NUL character (\\u0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new UnacceptableJsonException(this, JsonPaths.of(delegate.getParsingContext()),
                        "contains half of a UTF-16 surrogate pair, which is not Unicode text");
            }
        }
    }
}
