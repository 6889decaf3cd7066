package dev.poet.core.train;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.poet.core.domains.DomainHarness;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * One in-process enhancement ({@link DomainHarness}) as Train sees an engine's method: its configured parameters
 * are the harness's starting snapshot, the keys the test set are explicit, and applying swaps its snapshot.
 */
final class HarnessMethods implements TrainedMethods {

    private final String key;
    private final String optimizeFor;
    private final String displayName;
    private final String domain;
    private final ParamsRef ref;
    private final Map<String, Object> configured;
    private final Set<String> explicit;
    int applied;

    HarnessMethods(String key, String optimizeFor, DomainHarness harness, String... explicitKeys) {
        this(key, "FlakyDownstream.fetch", "base", optimizeFor, harness, explicitKeys);
    }

    HarnessMethods(String key, String displayName, String domain, String optimizeFor, DomainHarness harness,
                   String... explicitKeys) {
        this.key = key;
        this.displayName = displayName;
        this.domain = domain;
        this.optimizeFor = optimizeFor;
        this.ref = harness.active.context().paramsRef();
        this.configured = new LinkedHashMap<>(ref.get().asMap());
        this.explicit = new LinkedHashSet<>(List.of(explicitKeys));
    }

    @Override
    public List<TrainedMethod> trainedMethods() {
        return List.of(new TrainedMethod(key, displayName, domain, optimizeFor, "v1", configured,
                explicit, ref.get()));
    }

    @Override
    public boolean applyLearned(String methodKey, Params params) {
        if (!key.equals(methodKey)) {
            return false;
        }
        ref.set(params);
        applied++;
        return true;
    }

    Params current() {
        return ref.get();
    }
}
