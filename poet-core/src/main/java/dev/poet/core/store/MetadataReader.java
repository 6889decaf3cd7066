package dev.poet.core.store;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads {@code metadata.json} with Jackson's streaming parser only. Reusing a stored version reads nothing else
 * from the store, and the data-binding {@code ObjectMapper} would load some five hundred classes for it on the
 * application's first call; the streaming parser needs a few dozen. Writing stays with {@link StoreJson}.
 *
 * <p>Accepts what the mapper accepted: fields in any order, {@code null} for any field, scalars where text is
 * expected, numbers or numeric text for timings, the status case-insensitively, the instant as ISO-8601 text.
 * A field this agent does not know, and a {@code status} value it does not know (another agent version may share
 * the {@code .poet}), are kept as their JSON text in {@link VersionMetadata#unknownFields()}, never refused.
 * Anything else is a {@link com.fasterxml.jackson.core.JacksonException}.
 */
final class MetadataReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private MetadataReader() {
    }

    static VersionMetadata read(byte[] data) throws IOException {
        try (JsonParser p = FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "metadata.json: expected an object");
            }
            String generator = null, templateDomain = null, templateVersion = null, model = null, provider = null;
            String bytecodeHash = null, configFingerprint = null, sourceHash = null, reason = null;
            String enhancementClass = null, promptHash = null;
            AuditRecord audit = null;
            VersionStatus status = null;
            Map<String, Long> timings = null;
            Instant createdAt = null;
            Map<String, String> unknown = new LinkedHashMap<>();
            VersionMetadata.Samples samples = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "generator" -> generator = text(p);
                    case "templateDomain" -> templateDomain = text(p);
                    case "templateVersion" -> templateVersion = text(p);
                    case "model" -> model = text(p);
                    case "provider" -> provider = text(p);
                    case "bytecodeHash" -> bytecodeHash = text(p);
                    case "configFingerprint" -> configFingerprint = text(p);
                    case "sourceHash" -> sourceHash = text(p);
                    case "audit" -> audit = audit(p);
                    case VersionMetadata.STATUS_FIELD -> {
                        status = status(p);
                        if (status == null && p.currentToken() != JsonToken.VALUE_NULL) {
                            unknown.put(field, raw(p));
                        }
                    }
                    case "reason" -> reason = text(p);
                    case "timingsMs" -> timings = timings(p);
                    case "createdAt" -> createdAt = instant(p);
                    case "enhancementClass" -> enhancementClass = text(p);
                    case "promptHash" -> promptHash = text(p);
                    case "samples" -> samples = samples(p);
                    default -> unknown.put(field, raw(p));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new JsonParseException(p, "metadata.json: unexpected " + p.currentToken());
            }
            try {
                return new VersionMetadata(generator, templateDomain, templateVersion, model, provider, bytecodeHash,
                        configFingerprint, sourceHash, audit, status, reason, timings, createdAt, enhancementClass,
                        promptHash, samples, unknown);
            } catch (RuntimeException e) {
                throw new JsonParseException(p, "metadata.json: " + e, e);
            }
        }
    }

    /** Text, or a scalar as text (as the mapper coerces it); objects and arrays are refused. */
    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw new JsonParseException(p, "expected text, found " + t);
        }
        return p.getText();
    }

    /** {@code {"synthesised": n, "recorded": m}}; an unknown field inside is skipped. */
    private static VersionMetadata.Samples samples(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "samples: expected an object, found " + t);
        }
        int synthesised = 0;
        int recorded = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("synthesised")) {
                synthesised = p.getValueAsInt();
            } else if (field.equals("recorded")) {
                recorded = p.getValueAsInt();
            } else {
                p.skipChildren();
            }
        }
        return new VersionMetadata.Samples(synthesised, recorded);
    }

    private static AuditRecord audit(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "audit: expected an object, found " + t);
        }
        boolean passed = false;
        String reason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("passed")) {
                if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
                    throw new JsonParseException(p, "audit.passed: expected a boolean, found " + value);
                }
                passed = value == JsonToken.VALUE_TRUE;
            } else if (field.equals("reason")) {
                reason = text(p);
            } else {
                p.skipChildren();
            }
        }
        return new AuditRecord(passed, reason);
    }

    /** A known status; null for none and for one this agent does not know (the caller keeps that one raw). */
    private static VersionStatus status(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        try {
            return VersionStatus.fromJson(p.getText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The current value as compact JSON text; leaves the parser on its last token. */
    private static String raw(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }

    /**
     * Whether {@code data} is one complete JSON object. A {@code metadata.json} that is, yet cannot be read, was
     * written whole by someone (another agent version, a user); only a crash leaves anything else.
     */
    static boolean wellFormedObject(byte[] data) {
        try (JsonParser p = FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Long> timings(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, "timingsMs: expected an object, found " + t);
        }
        Map<String, Long> timings = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (value == JsonToken.VALUE_NUMBER_INT) {
                timings.put(name, p.getLongValue());
            } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                timings.put(name, (long) p.getDoubleValue());
            } else if (value == JsonToken.VALUE_STRING) {
                try {
                    timings.put(name, Long.parseLong(p.getText().trim()));
                } catch (NumberFormatException e) {
                    throw new JsonParseException(p, "timingsMs." + name + ": not a number", e);
                }
            } else {
                // Includes null, which the record's immutable copy would refuse anyway.
                throw new JsonParseException(p, "timingsMs." + name + ": expected a number, found " + value);
            }
        }
        return timings;
    }

    private static Instant instant(JsonParser p) throws IOException {
        String text = text(p);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new JsonParseException(p, "createdAt: not an ISO-8601 instant", e);
        }
    }
}
