package dev.poet.core.engine;

import java.io.IOException;

import dev.poet.bridge.ActiveMethod;
import dev.poet.core.log.PoetLog;
import dev.poet.core.store.AuditRecord;
import dev.poet.core.store.ClassBytes;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;

/**
 * The pipeline's side of the version store: finds a stored version an unchanged method can reuse, records fresh
 * versions (active or rejected, with their reasons), and marks quarantined ones. The disk never decides whether a
 * method runs enhanced: a store that cannot be read or written is logged, and the enhancement runs from memory.
 */
final class VersionRecorder {

    private final VersionStore store;

    VersionRecorder(VersionStore store) {
        this.store = store;
    }

    /** Takes the stored version whose identity is {@code fingerprint}, if there is one; true when it did. */
    boolean reuse(Candidate c, String fingerprint) {
        try {
            StoredVersion stored = store.findReusable(c.key, c.bodyHash, c.template.version(), fingerprint)
                    .orElse(null);
            if (stored == null || stored.metadata().enhancementClass() == null) {
                return false;
            }
            c.fingerprint = fingerprint;
            c.classes = stored.classBytes().asMap();
            c.enhancementClass = stored.metadata().enhancementClass();
            c.reused = stored;
            return true;
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": stored versions unreadable, generating anew: " + e.getMessage());
            return false;
        }
    }

    /**
     * Takes the version {@code current} names when this method may run it again: its original's bytecode is
     * unchanged, it may be activated, its class bytes are readable, and either its template version and identity
     * are this candidate's (one of the given fingerprints) or the operator named it (a rollback or an approval
     * pins it whatever the configuration says since; so does {@code current} edited by hand to a version the store
     * did not make current itself, i.e. one whose status is not {@code active}). What runs after a restart is then what ran before it, not
     * the newest matching version.
     *
     * @return the fingerprint it was taken under (the pinned version's own when the operator named it), or null
     */
    String reuseCurrent(Candidate c, String templateFingerprint, String sourceFingerprint, OperatorPolicy operator) {
        try {
            StoredVersion current = store.current(c.key).orElse(null);
            if (current == null || current.metadata().enhancementClass() == null
                    || !current.metadata().activatable()
                    || !java.util.Objects.equals(current.metadata().bytecodeHash(), c.bodyHash)) {
                return null;
            }
            String fp = current.metadata().configFingerprint();
            boolean identical = java.util.Objects.equals(current.metadata().templateVersion(), c.template.version())
                    && fp != null && (fp.equals(templateFingerprint) || fp.equals(sourceFingerprint));
            // The store marks what it makes current active; a current naming another status was set by hand.
            boolean byHand = current.metadata().status() != VersionStatus.ACTIVE;
            if (!identical && !byHand && !operator.pinned(c.key.value(), current.name())) {
                return null;
            }
            c.classes = current.classBytes().asMap();
            if (byHand && !identical) {
                operator.adopted(c.key.value(), current.name());
            }
            c.fingerprint = fp;
            c.enhancementClass = current.metadata().enhancementClass();
            c.reused = current;
            if (!identical) {
                c.params.putAll(store.readParams(c.key, current.name()));
            }
            return fp == null ? "" : fp;
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": current version unreadable, looking further: " + e.getMessage());
            return null;
        }
    }

    /** Whether a version of this method's identity already waits for review (none is generated again then). */
    boolean awaitingReview(Candidate c, String fingerprint) {
        try {
            return store.find(c.key, m -> m.status() == VersionStatus.AWAITING_REVIEW
                    && java.util.Objects.equals(m.bytecodeHash(), c.bodyHash)
                    && java.util.Objects.equals(m.templateVersion(), c.template.version())
                    && java.util.Objects.equals(m.configFingerprint(), fingerprint)).isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a stored version passed verification: it was made active at some point, and a version is only ever
     * stored or made active after its audit and verification passed. A version stored without being activated
     * (no status, or any other) does not count.
     */
    static boolean passedVerification(StoredVersion stored) {
        VersionStatus status = stored.metadata().status();
        return status == VersionStatus.ACTIVE || status == VersionStatus.SUPERSEDED;
    }

    /** Stores a fresh version (or makes a reused one current) and returns its name. */
    String record(Candidate c, VersionStatus status, String reason) {
        try {
            if (c.reused != null) {
                if (!c.reused.name().equals(store.currentName(c.key).orElse(null))
                        || c.reused.metadata().status() != VersionStatus.ACTIVE) {
                    store.activate(c.key, c.reused.name());
                }
                return c.reused.name();
            }
            VersionMetadata.Builder meta = VersionMetadata.builder()
                    .generator(c.provenance.getOrDefault("generator", "template"))
                    .provider(c.provenance.get("provider")).model(c.provenance.get("model"))
                    .promptHash(c.provenance.get("prompt-hash"))
                    .templateDomain(c.template.domain()).templateVersion(c.template.version())
                    .bytecodeHash(c.bodyHash).configFingerprint(c.fingerprint).status(status)
                    .reason(reason != null ? reason : c.note)
                    .audit(status == VersionStatus.REJECTED ? AuditRecord.reject(reason) : AuditRecord.pass())
                    .enhancementClass(c.enhancementClass).samples(c.samples);
            c.timings.forEach(meta::timing);
            StoredVersion saved = store.save(c.key, c.source, ClassBytes.of(c.classes), c.params, meta.build(),
                    status == VersionStatus.ACTIVE);
            return saved.name();
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": version not stored (" + e.getMessage() + "); it runs from memory");
            return "unsaved";
        }
    }

    /**
     * Records a rejection of a fresh version, for inspection; a reused one was stored as it is already.
     *
     * @return the rejected version's name
     */
    String rejected(Candidate c, String reason) {
        if (c.reused == null) {
            return record(c, VersionStatus.REJECTED, reason);
        }
        return c.reused.name();
    }

    /**
     * Records that a version failed verification on recorded calls. A fresh one is stored as rejected; a reused
     * one is marked rejected (and no longer current), so a restart does not reuse it: its earlier verification
     * did not see the application's real arguments.
     *
     * @return the rejected version's name
     */
    String rejectedOnRecordedCalls(Candidate c, String reason) {
        if (c.reused == null) {
            return record(c, VersionStatus.REJECTED, reason);
        }
        try {
            store.markStatus(c.key, c.reused.name(), VersionStatus.REJECTED, reason);
            if (c.reused.name().equals(store.currentName(c.key).orElse(null))) {
                store.deactivate(c.key);
            }
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(c.displayName() + ": rejection of " + c.reused.name() + " not recorded: " + e.getMessage());
        }
        return c.reused.name();
    }

    void quarantined(ActiveMethod method, String reason) {
        try {
            MethodKey key = MethodKey.parse(method.context().key());
            store.markStatus(key, method.version(), VersionStatus.QUARANTINED, reason);
            store.deactivate(key);
        } catch (IOException | RuntimeException e) {
            PoetLog.warn(method.context().className() + "." + method.context().methodName()
                    + ": quarantine not recorded: " + e.getMessage());
        }
    }
}
