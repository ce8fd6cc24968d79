package io.switchboard.web.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.MappingJsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/** A JSON factory whose every parser is a {@link CheckedParser}. */
final class CheckedJsonFactory extends MappingJsonFactory {
    private static final long serialVersionUID = 1L;

    CheckedJsonFactory() {
        super();
    }

    private CheckedJsonFactory(JsonFactory source, ObjectMapper mapper) {
        super(source, mapper);
    }

    @Override
    public JsonFactory copy() {
        return new CheckedJsonFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        return new CheckedParser(super._createParser(in, context));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new CheckedParser(super._createParser(reader, context));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new CheckedParser(super._createParser(data, offset, length, context, recyclable));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return new CheckedParser(super._createParser(data, offset, length, context));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext context) throws IOException {
        return new CheckedParser(super._createParser(input, context));
    }

    @Override
    public JsonParser createNonBlockingByteArrayParser() throws IOException {
        return new CheckedParser(super.createNonBlockingByteArrayParser());
    }

    @Override
    public JsonParser createNonBlockingByteBufferParser() throws IOException {
        return new CheckedParser(super.createNonBlockingByteBufferParser());
    }
}
