package dev.poet.core.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes the store's files with Jackson's streaming generator, byte for byte as {@link StoreJson}'s mapper
 * writes them (same pretty printer, same property order; a unit test compares the two). Storing the first
 * versions then does not set up the data-binding mapper, some five hundred classes that the process otherwise
 * loads (and waits for at exit, when versions are stored right before it).
 *
 * <p>Only the types the store writes are handled: {@link VersionMetadata} and maps of text, numbers, booleans,
 * lists and maps. For anything else {@link #write} answers null and the caller uses the mapper.
 */
final class StreamingJsonWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StreamingJsonWriter() {
    }

    /** The JSON of {@code value}, or null when it contains a type this writer does not know. */
    static byte[] write(Object value) throws IOException {
        if (!known(value)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            value(g, value);
        }
        return out.toByteArray();
    }

    private static boolean known(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof Double
                || value instanceof Float || value instanceof BigInteger || value instanceof BigDecimal
                || value instanceof VersionMetadata || value instanceof VersionStatus || value instanceof Instant
                || value instanceof AuditRecord) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !known(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!known(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static void value(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else if (value instanceof Float f) {
            g.writeNumber(f);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Instant instant) {
            g.writeString(instant.toString());
        } else if (value instanceof VersionStatus status) {
            g.writeString(status.jsonName());
        } else if (value instanceof AuditRecord audit) {
            g.writeStartObject();
            g.writeBooleanField("passed", audit.passed());
            g.writeFieldName("reason");
            value(g, audit.reason());
            g.writeEndObject();
        } else if (value instanceof VersionMetadata meta) {
            metadata(g, meta);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object element : (List<?>) value) {
                value(g, element);
            }
            g.writeEndArray();
        }
    }

    /**
     * In the record's component order, as the mapper writes records; null fields are left out (NON_NULL). Fields
     * this agent does not know follow, as read; a status it does not know stays in its place.
     */
    private static void metadata(JsonGenerator g, VersionMetadata m) throws IOException {
        g.writeStartObject();
        field(g, "generator", m.generator());
        field(g, "templateDomain", m.templateDomain());
        field(g, "templateVersion", m.templateVersion());
        field(g, "model", m.model());
        field(g, "provider", m.provider());
        field(g, "bytecodeHash", m.bytecodeHash());
        field(g, "configFingerprint", m.configFingerprint());
        field(g, "sourceHash", m.sourceHash());
        field(g, "audit", m.audit());
        String unknownStatus = m.unknownFields().get(VersionMetadata.STATUS_FIELD);
        if (m.status() == null && unknownStatus != null) {
            g.writeFieldName(VersionMetadata.STATUS_FIELD);
            g.writeRawValue(unknownStatus);
        } else {
            field(g, VersionMetadata.STATUS_FIELD, m.status());
        }
        field(g, "reason", m.reason());
        field(g, "timingsMs", m.timingsMs());
        field(g, "createdAt", m.createdAt());
        field(g, "enhancementClass", m.enhancementClass());
        field(g, "promptHash", m.promptHash());
        field(g, "samples", m.samples() == null ? null : m.samples().asMap());
        for (Map.Entry<String, String> e : m.unknownFields().entrySet()) {
            if (!e.getKey().equals(VersionMetadata.STATUS_FIELD)) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
            }
        }
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, Object value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            value(g, value);
        }
    }
}
