package dev.poet.core.generate;

import java.util.Map;

/**
 * The gate a generated source must pass before it can be activated: compile, audit, define, verify. Generators
 * that can repair their answer (an LLM) call it and send {@link Result#problems()} back; the text is the exact
 * compiler message or rejection reason.
 */
@FunctionalInterface
public interface SourceCheck {

    /** The outcome of one check. */
    record Result(boolean passed, String problems, Map<String, byte[]> classes) {

        public static Result pass(Map<String, byte[]> classes) {
            return new Result(true, null, Map.copyOf(classes));
        }

        public static Result fail(String problems) {
            return new Result(false, problems, Map.of());
        }
    }

    Result check(String source);
}
