package dev.poet.core.operate;

import java.time.Clock;
import java.util.TreeSet;

/**
 * {@link Operations} inside the running application (the HTTP API): the same files as {@link StoreOperations},
 * but each change is applied at once (the reconciliation runs right after the write, so the receipt says
 * {@code applied=true}) and methods are described from the engine and the execution recorder directly.
 */
public final class LiveOperations extends StoreOperations {

    private final LiveChanges live;
    private final Clock clock;

    public LiveOperations(LiveChanges live, String configuredInclude, Clock clock) {
        super(live.home(), configuredInclude, clock);
        this.live = live;
        this.clock = clock;
    }

    @Override
    protected boolean applied(String changeId) {
        try {
            live.reconcile();
            return true;
        } catch (RuntimeException e) {
            // Written and journalled; the next round applies it.
            return false;
        }
    }

    @Override
    protected StatusFile.Entry running(String key) {
        for (EngineControl.Slot s : live.engine().slots()) {
            if (s.key().equals(key)) {
                return live.entry(s, clock.instant());
            }
        }
        return null;
    }

    @Override
    protected TreeSet<String> knownKeys() throws OperationException {
        TreeSet<String> keys = super.knownKeys();
        for (EngineControl.Slot s : live.engine().slots()) {
            keys.add(s.key());
        }
        return keys;
    }
}
