package dev.poet.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.core.events.EventTypes;
import dev.poet.core.log.PoetLog;
import dev.poet.core.train.learned.LearnedParams;

/**
 * A {@link Regenerator} that only says which rules fired in one log line and records the request as a
 * {@code train.regeneration_requested} event with its evidence; nothing is generated. Used where the engine cannot
 * produce versions; {@link dev.poet.core.train.regen.CandidateRegenerator} announces its requests through it.
 */
public final class EventRegenerator implements Regenerator {

    private final TrainEvents events;

    public EventRegenerator(TrainEvents events) {
        this.events = events;
    }

    @Override
    public void requested(RegenerationRequest r) {
        announce(r);
    }

    /** Logs and records the request; returns the event's id (null when nothing was written). */
    public String announce(RegenerationRequest r) {
        PoetLog.info(r.method().displayName() + ": Train requests a regenerated version (" + String.join(", ",
                r.rules()) + "; " + r.rates() + ")");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", r.method().key());
        p.put("function_name", r.method().displayName());
        p.put("objective", r.objective().id());
        p.put("version", r.method().version());
        p.put("rules", r.rules());
        p.put("rates", r.rates());
        p.put("common_reasons", r.commonReasons());
        p.put("evidence", r.evidence().toMap());
        List<Map<String, Object>> history = new ArrayList<>();
        for (LearnedParams.Change c : r.history()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("at", c.at().toString());
            h.put("kind", c.kind());
            h.put("before", c.before());
            h.put("after", c.after());
            history.add(h);
        }
        p.put("history", history);
        p.put("has_source", r.currentSource() != null);
        return events.emit(EventTypes.TRAIN_REGENERATION_REQUESTED, null, p);
    }
}
