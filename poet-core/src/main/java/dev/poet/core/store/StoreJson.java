package dev.poet.core.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON mapper of the store. {@link Instant} is written as ISO-8601 text by a tiny module here rather than
 * by jackson-datatype-jsr310, to keep the agent's dependency set small. The mapper is only set up when needed:
 * {@code metadata.json} is read by {@link MetadataReader}, and what the store writes by
 * {@link StreamingJsonWriter}, so that reusing or storing versions does not load the data-binding classes.
 */
final class StoreJson {

    private StoreJson() {
    }

    /** The mapper, set up on first use. */
    static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    static byte[] write(Object value) throws IOException {
        byte[] json = StreamingJsonWriter.write(value);
        return json != null ? json : Mapper.MAPPER.writeValueAsBytes(value);
    }

    static Map<String, Object> readMap(byte[] data) throws IOException {
        return Mapper.MAPPER.readValue(data, Mapper.MAP);
    }

    /** Holder: loading {@link StoreJson} does not build the mapper. */
    private static final class Mapper {

        static final ObjectMapper MAPPER = new ObjectMapper()
                .registerModule(new SimpleModule("poet-store")
                        .addSerializer(Instant.class, new JsonSerializer<>() {
                            @Override
                            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                                g.writeString(v.toString());
                            }
                        })
                        .addDeserializer(Instant.class, new JsonDeserializer<>() {
                            @Override
                            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                                try {
                                    return Instant.parse(p.getValueAsString());
                                } catch (DateTimeParseException e) {
                                    return (Instant) c.handleWeirdStringValue(Instant.class, p.getValueAsString(),
                                            "not an ISO-8601 instant");
                                }
                            }
                        }))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .enable(SerializationFeature.INDENT_OUTPUT);

        static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
        };
    }
}
