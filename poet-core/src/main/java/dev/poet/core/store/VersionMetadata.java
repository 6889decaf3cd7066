package dev.poet.core.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code metadata.json} records about a version: how it was produced, what it was produced from (so an
 * unchanged method can reuse it), whether it passed audit, and where it is in its life cycle. Immutable; build
 * with {@link #builder()}. Unknown JSON fields are ignored when reading, so older POET versions can read files
 * written by newer ones.
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
 * @param status            life-cycle state; null for a version stored but never activated (a candidate)
 * @param reason            why the status was last set; may be null
 * @param timingsMs         named durations in milliseconds, e.g. {@code generate}, {@code compile}
 * @param createdAt         when the version was created; filled in from the store's clock when null
 * @param promptHash        SHA-256 hex of the LLM prompt that produced the source; null for templates
 * @param enhancementClass  binary name of the class in {@code Enhancement.class-bytes} that implements the
 *                          enhancement; null when none was produced
 * @param samples           what verification ran this version on; null when not verified (a version stored
 *                          before verification, or rejected before it)
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
        @JsonProperty("audit") AuditResult audit,
        @JsonProperty("status") VersionStatus status,
        @JsonProperty("reason") String reason,
        @JsonProperty("timingsMs") Map<String, Long> timingsMs,
        @JsonProperty("createdAt") Instant createdAt,
        @JsonProperty("enhancementClass") String enhancementClass,
        @JsonProperty("promptHash") String promptHash,
        @JsonProperty("samples") Samples samples) {

    /** Copies the timings so the record stays immutable. */
    public VersionMetadata {
        timingsMs = timingsMs == null ? Map.of() : Map.copyOf(timingsMs);
    }

    /** Metadata without {@code samples}, as written before verification recorded them. */
    public VersionMetadata(String generator, String templateDomain, String templateVersion, String model,
                           String provider, String bytecodeHash, String configFingerprint, String sourceHash,
                           AuditResult audit, VersionStatus status, String reason, Map<String, Long> timingsMs,
                           Instant createdAt, String enhancementClass, String promptHash) {
        this(generator, templateDomain, templateVersion, model, provider, bytecodeHash, configFingerprint, sourceHash,
                audit, status, reason, timingsMs, createdAt, enhancementClass, promptHash, null);
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
        private AuditResult audit;
        private VersionStatus status;
        private String reason;
        private final Map<String, Long> timingsMs = new LinkedHashMap<>();
        private Instant createdAt;
        private String enhancementClass;
        private String promptHash;
        private Samples samples;

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
        public Builder audit(AuditResult v) { audit = v; return this; }
        /** The life-cycle state. */
        public Builder status(VersionStatus v) { status = v; return this; }
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

        /** The metadata. */
        public VersionMetadata build() {
            return new VersionMetadata(generator, templateDomain, templateVersion, model, provider, bytecodeHash,
                    configFingerprint, sourceHash, audit, status, reason, timingsMs, createdAt, enhancementClass,
                    promptHash, samples);
        }
    }
}
