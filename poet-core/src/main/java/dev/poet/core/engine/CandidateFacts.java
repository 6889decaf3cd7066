package dev.poet.core.engine;

import java.util.Map;

import dev.poet.bridge.ActiveMethod;
import dev.poet.core.events.engine.VersionFacts;

/** The facts engine events give about a candidate's version. */
final class CandidateFacts {

    private CandidateFacts() {
    }

    /** {@code c}'s facts, naming {@code version} (null when not stored). */
    static VersionFacts of(Candidate c, String version) {
        return of(c, version, c.provenance);
    }

    /** {@code c}'s facts as produced by the generator {@code provenance} describes. */
    static VersionFacts of(Candidate c, String version, Map<String, String> provenance) {
        return new VersionFacts(c.key.value(), c.displayName(), version,
                provenance.getOrDefault("generator", "template"), provenance.get("model"), provenance.get("provider"),
                c.template.domain(), c.template.version());
    }

    /** What an active method knows of itself (its domain, not its generator). */
    static VersionFacts of(ActiveMethod method) {
        return new VersionFacts(method.context().key(),
                method.context().className() + "." + method.context().methodName(), method.version(), null, null,
                null, method.context().domain(), null);
    }
}
