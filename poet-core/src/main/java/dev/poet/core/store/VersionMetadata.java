package dev.poet.core.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code metadata.json} records about a version: how it was produced, what it was produced from (so an
 * unchanged method can reuse it), whether it passed audit, and where it is in its life cycle. Immutable; build
 * with {@link #builder()}.
 *
 * <p><b>Forward compatibility.</b> Two agent versions may share one {@code .poet}. A field this agent does not know
 * is kept verbatim in {@link #unknownFields()} and written back on every rewrite; so is a {@code status} value it
 * does not know, in which case {@link #status()} is null and {@link #understood()} false: such a version is kept,
 * never activated by this agent, never deleted.
 *
 * @param generator         {@code template} or {@code llm}
 * @param templateDomain    the template's domain, e.g. {@code base}; null when none
 * @param templateVersion   the template's version string; null when none
 * @param model             the LLM model; null for templates
 * @param provider          the LLM provider; null for templates
 * @param bytecodeHash      SHA-256 hex of the ORIGINAL method's code, as computed by the caller
 * @param configFingerprint a string the caller derives from the configuration that shaped this version
 * @param sourceHash        SHA-256 hex of {@code Enhancement.java}; filled in by the store when null
 * @param audit             the audit result; null when not audited
 * @param status            life-cycle state; null for a version stored without one (a candidate, as older agents
 *                          wrote it) and for a status this agent does not know ({@link #understood()} is false)
 * @param reason            why the status was last set; may be null
 * @param timingsMs         named durations in milliseconds, e.g. {@code generate}, {@code compile}
 * @param createdAt         when the version was created; filled in from the store's clock when null
 * @param promptHash        SHA-256 hex of the LLM prompt that produced the source; null for templates
 * @param enhancementClass  binary name of the class in {@code Enhancement.class-bytes} that implements the
 *                          enhancement; null when none was produced
 * @param samples           what verification ran this version on; null when not verified (a version stored
 *                          before verification, or rejected before it)
 * @param unknownFields     fields this agent does not know, by name, each value as its JSON text, in file order;
 *                          includes {@code status} when its value is not a {@link VersionStatus}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionMetadata(
        @JsonProperty("generator") String generator,
        @JsonProperty("templateDomain") String templateDomain,
        @JsonProperty("templateVersion") String templateVersion,
        @JsonProperty("model") String model,
        @JsonProperty("provider") String provider,
        @JsonProperty("bytecodeHash") String bytecodeHash,
        @JsonProperty("configFingerprint") String configFingerprint,
        @JsonProperty("sourceHash") String sourceHash,
        @JsonProperty("audit") AuditRecord audit,
        @JsonProperty("status") VersionStatus status,
        @JsonProperty("reason") String reason,
        @JsonProperty("timingsMs") Map<String, Long> timingsMs,
        @JsonProperty("createdAt") Instant createdAt,
        @JsonProperty("enhancementClass") String enhancementClass,
        @JsonProperty("promptHash") String promptHash,
        @JsonProperty("samples") Samples samples,
        @JsonIgnore Map<String, String> unknownFields) {

    /** The JSON field that holds the status. */
    static final String STATUS_FIELD = "status";

    /** Copies the maps so the record stays immutable (the unknown fields keep their order). */
    public VersionMetadata {
        timingsMs = timingsMs == null ? Map.of() : Map.copyOf(timingsMs);
        unknownFields = unknownFields == null || unknownFields.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(unknownFields));
    }

    /** Without unknown fields: metadata as this agent writes it. */
    public VersionMetadata(String generator, String templateDomain, String templateVersion, String model,
                           String provider, String bytecodeHash, String configFingerprint, String sourceHash,
                           AuditRecord audit, VersionStatus status, String reason, Map<String, Long> timingsMs,
                           Instant createdAt, String enhancementClass, String promptHash, Samples samples) {
        this(generator, templateDomain, templateVersion, model, provider, bytecodeHash, configFingerprint, sourceHash,
                audit, status, reason, timingsMs, createdAt, enhancementClass, promptHash, samples, Map.of());
    }

    /** False when the status was written by an agent that knows statuses this one does not. */
    public boolean understood() {
        return !unknownFields.containsKey(STATUS_FIELD);
    }

    /**
     * The status as written: the {@link VersionStatus#jsonName()} of a known one, the JSON text of one this agent
     * does not know (a string's text without its quotes), null when there is none.
     */
    public String statusText() {
        String raw = unknownFields.get(STATUS_FIELD);
        if (raw == null) {
            return status == null ? null : status.jsonName();
        }
        boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
        return quoted ? raw.substring(1, raw.length() - 1) : raw;
    }

    /**
     * Whether this agent may make the version current: its status is understood and
     * {@link VersionStatus#activatable()}, or absent (a candidate stored by an agent that wrote no status).
     */
    public boolean activatable() {
        return understood() && (status == null || status.activatable());
    }

    /** The same metadata without the fields this agent does not know. */
    public VersionMetadata withoutUnknownFields() {
        return new VersionMetadata(generator, templateDomain, templateVersion, model, provider, bytecodeHash,
                configFingerprint, sourceHash, audit, status, reason, timingsMs, createdAt, enhancementClass,
                promptHash, samples);
    }

    /** Metadata without {@code samples} and unknown fields, as written before verification recorded samples. */
    public VersionMetadata(String generator, String templateDomain, String templateVersion, String model,
                           String provider, String bytecodeHash, String configFingerprint, String sourceHash,
                           AuditRecord audit, VersionStatus status, String reason, Map<String, Long> timingsMs,
                           Instant createdAt, String enhancementClass, String promptHash) {
        this(generator, templateDomain, templateVersion, model, provider, bytecodeHash, configFingerprint, sourceHash,
                audit, status, reason, timingsMs, createdAt, enhancementClass, promptHash, null, Map.of());
    }

    /**
     * The valid argument samples verification ran Perceive on, in {@code metadata.json} as
     * {@code "samples": {"synthesised": 16, "recorded": 0}}. Both 0 for a method with arguments means it was
     * verified on nothing the application could pass; such a version is never activated.
     *
     * @param synthesised argument arrays made from the method's signature
     * @param recorded    argument arrays copied from real calls (kept in memory only; never written)
     */
    public record Samples(@JsonProperty("synthesised") int synthesised, @JsonProperty("recorded") int recorded) {

        /** The JSON object's fields, in order. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("synthesised", synthesised);
            m.put("recorded", recorded);
            return m;
        }
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this metadata. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.generator = generator;
        b.templateDomain = templateDomain;
        b.templateVersion = templateVersion;
        b.model = model;
        b.provider = provider;
        b.bytecodeHash = bytecodeHash;
        b.configFingerprint = configFingerprint;
        b.sourceHash = sourceHash;
        b.audit = audit;
        b.status = status;
        b.reason = reason;
        b.timingsMs.putAll(timingsMs);
        b.createdAt = createdAt;
        b.enhancementClass = enhancementClass;
        b.promptHash = promptHash;
        b.unknownFields.putAll(unknownFields);
        b.samples = samples;
        return b;
    }

    /** A copy with {@code status} and {@code reason} replaced. */
    public VersionMetadata withStatus(VersionStatus status, String reason) {
        return toBuilder().status(status).reason(reason).build();
    }

    /** Builds {@link VersionMetadata}; every field is optional. */
    public static final class Builder {
        private String generator;
        private String templateDomain;
        private String templateVersion;
        private String model;
        private String provider;
        private String bytecodeHash;
        private String configFingerprint;
        private String sourceHash;
        private AuditRecord audit;
        private VersionStatus status;
        private String reason;
        private final Map<String, Long> timingsMs = new LinkedHashMap<>();
        private Instant createdAt;
        private String enhancementClass;
        private String promptHash;
        private Samples samples;
        private final Map<String, String> unknownFields = new LinkedHashMap<>();

        private Builder() {
        }

        /** {@code template} or {@code llm}. */
        public Builder generator(String v) { generator = v; return this; }
        /** The template's domain. */
        public Builder templateDomain(String v) { templateDomain = v; return this; }
        /** The template's version. */
        public Builder templateVersion(String v) { templateVersion = v; return this; }
        /** The LLM model. */
        public Builder model(String v) { model = v; return this; }
        /** The LLM provider. */
        public Builder provider(String v) { provider = v; return this; }
        /** SHA-256 hex of the original method's code. */
        public Builder bytecodeHash(String v) { bytecodeHash = v; return this; }
        /** The configuration fingerprint. */
        public Builder configFingerprint(String v) { configFingerprint = v; return this; }
        /** SHA-256 hex of the source; the store computes it when left null. */
        public Builder sourceHash(String v) { sourceHash = v; return this; }
        /** The audit result. */
        public Builder audit(AuditRecord v) { audit = v; return this; }
        /** The life-cycle state; replaces a status this agent did not understand. */
        public Builder status(VersionStatus v) {
            status = v;
            unknownFields.remove(STATUS_FIELD);
            return this;
        }
        /** Why the status was set. */
        public Builder reason(String v) { reason = v; return this; }
        /** Adds one named duration in milliseconds. */
        public Builder timing(String name, long millis) { timingsMs.put(name, millis); return this; }
        /** Creation time; the store's clock fills it in when left null. */
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        /** The class implementing the enhancement. */
        public Builder enhancementClass(String v) { enhancementClass = v; return this; }
        /** SHA-256 hex of the LLM prompt. */
        public Builder promptHash(String v) { promptHash = v; return this; }
        /** What verification ran on. */
        public Builder samples(Samples v) { samples = v; return this; }

        /** A field this agent does not know, kept as its JSON text; for the reader. */
        Builder unknownField(String name, String json) { unknownFields.put(name, json); return this; }

        /** The metadata. */
        public VersionMetadata build() {
            return new VersionMetadata(generator, templateDomain, templateVersion, model, provider, bytecodeHash,
                    configFingerprint, sourceHash, audit, status, reason, timingsMs, createdAt, enhancementClass,
                    promptHash, samples, unknownFields);
        }
    }
}
