package dev.poet.runtime.domain.financialrisk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.poet.runtime.event.EventEmitter;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Derived;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;
import dev.poet.runtime.time.Clock;
import dev.poet.runtime.validate.Mode;
import dev.poet.runtime.validate.Rule;
import dev.poet.runtime.validate.Rules;
import dev.poet.runtime.validate.Validator;

/**
 * The {@code financial_risk} domain. Which values are incomes, rates and scores is decided by name: a parameter
 * (or, for the result, the method) whose lower-cased name contains one of the {@code |}-separated words of
 * {@code income-names} (default {@code income|salary|revenue|earnings}), {@code rate-names}
 * ({@code rate|apr|interest}) or {@code score-names} ({@code score}). The first list that matches wins.
 *
 * <ul>
 *   <li>income arguments: REJECT when negative or NaN ({@code InputRejectedException}, an
 *       {@code IllegalArgumentException});</li>
 *   <li>rate arguments: REJECT outside {@code [rate-min, rate-max]} (default 0–100, percent);</li>
 *   <li>score arguments, and score or rate results (also such keys of a {@code Map} result): REPAIR, clamped into
 *       {@code [score-min, score-max]} (default 0–1000) or the rate range, an {@code enforce.violation} /
 *       {@code perceive.violation} event with {@code action=repaired} for every clamp;</li>
 *   <li>money: every {@code BigDecimal} argument and result (and {@code BigDecimal} values of a {@code Map}
 *       result) is rounded half-even to {@code scale} (default 2) decimals, a {@value #ROUNDED} event when that
 *       changed it.</li>
 * </ul>
 * Every parameter is read from the method's current snapshot: the rules are rebuilt when the snapshot instance
 * changes (a parameter swap applies from the next call), never between. None has a default here: they come from
 * the template's {@code template.properties} (a missing one is a
 * {@link dev.poet.runtime.params.MissingParameterException}).
 */
public final class FinancialRisk {

    public static final String ROUNDED = "financial.rounded";

    private final String methodKey;
    private final PhaseEventSink sink;
    private final EventEmitter events;
    private final String[] parameterNames;
    private final String methodName;
    private final Derived<Settings> settings;

    /**
     * @param parameterNames the method's parameter names, by position (their roles are decided by name)
     * @param methodName     the method's name (the result's role is decided by it)
     * @throws dev.poet.runtime.params.MissingParameterException when a parameter is missing from the snapshot
     */
    public FinancialRisk(String methodKey, ParamsRef params, PhaseEventSink sink, String[] parameterNames,
                         String methodName) {
        this.methodKey = methodKey;
        this.sink = sink;
        this.events = new EventEmitter(sink, methodKey, Clock.SYSTEM);
        this.parameterNames = parameterNames.clone();
        this.methodName = methodName;
        this.settings = new Derived<Settings>(params, new Derived.Deriver<Settings>() {
            @Override
            public Settings derive(Params p, Settings previous) {
                return new Settings(FinancialRisk.this, p);
            }
        }, events);
    }

    /** The argument at {@code index} checked by its role's rule: rejected, clamped or passed unchanged. */
    public Object perceive(int index, Object value) {
        return settings.get().parameters[index].check(value);
    }

    /** The result clamped (scores and rates, also such keys of a {@code Map}); see the class comment. */
    public Object enforce(Object result) {
        return settings.get().result.check(result);
    }

    /** {@code income}, {@code rate}, {@code score} or {@code null} for a parameter or method name. */
    public String roleOf(String name) {
        return settings.get().roleOf(name);
    }

    /** Rounds a {@code BigDecimal} (or the {@code BigDecimal} values of a {@code Map}) to {@code scale}, half-even. */
    public Object roundMoney(Object value, String where) {
        return roundMoney(value, where, settings.get().scale);
    }

    private Object roundMoney(Object value, String where, int scale) {
        if (value instanceof BigDecimal) {
            BigDecimal v = (BigDecimal) value;
            BigDecimal r = v.setScale(scale, RoundingMode.HALF_EVEN);
            if (r.compareTo(v) != 0 || v.scale() != scale) {
                if (r.compareTo(v) != 0) {
                    events.emit(ROUNDED, "parameter", where, "was", v.toPlainString(), "now", r.toPlainString(),
                            "scale", scale);
                }
                return r;
            }
            return value;
        }
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            Map<Object, Object> copy = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof BigDecimal) {
                    Object r = roundMoney(e.getValue(), where + "." + e.getKey(), scale);
                    if (r != e.getValue()) {
                        if (copy == null) {
                            copy = new LinkedHashMap<Object, Object>(map);
                        }
                        copy.put(e.getKey(), r);
                    }
                }
            }
            return copy == null ? value : copy;
        }
        return value;
    }

    private static String[] words(String list) {
        String[] parts = list.toLowerCase(Locale.ROOT).split("\\|");
        int n = 0;
        for (String p : parts) {
            if (!p.trim().isEmpty()) {
                parts[n++] = p.trim();
            }
        }
        String[] out = new String[n];
        System.arraycopy(parts, 0, out, 0, n);
        return out;
    }

    private static boolean matches(String name, String[] words) {
        for (String w : words) {
            if (name.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** A number within [min, max] (BigDecimal exactly); NaN violates; repair clamps, keeping the number's type. */
    static Rule range(String description, final double min, final double max) {
        return Rules.range(description, min, max);
    }

    static Object clamp(Object value, double min, double max) {
        return Rules.clamp(value, min, max);
    }

    /** The rules of one parameter snapshot; immutable. */
    private static final class Settings {
        final String[] incomeNames;
        final String[] rateNames;
        final String[] scoreNames;
        final double rateMin;
        final double rateMax;
        final double scoreMin;
        final double scoreMax;
        final int scale;
        final Validator[] parameters;
        final Validator result;

        Settings(FinancialRisk risk, Params p) {
            this.incomeNames = words(p.requireString("income-names"));
            this.rateNames = words(p.requireString("rate-names"));
            this.scoreNames = words(p.requireString("score-names"));
            this.rateMin = p.requireDouble("rate-min");
            this.rateMax = p.requireDouble("rate-max");
            this.scoreMin = p.requireDouble("score-min");
            this.scoreMax = p.requireDouble("score-max");
            this.scale = p.requireInt("scale");
            this.parameters = new Validator[risk.parameterNames.length];
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = forParameter(risk, risk.parameterNames[i]);
            }
            this.result = forResult(risk, risk.methodName);
        }

        String roleOf(String name) {
            String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if (matches(lower, incomeNames)) {
                return "income";
            }
            if (matches(lower, rateNames)) {
                return "rate";
            }
            if (matches(lower, scoreNames)) {
                return "score";
            }
            return null;
        }

        private Validator forParameter(FinancialRisk risk, String name) {
            String role = roleOf(name);
            if ("income".equals(role)) {
                return Validator.perceive(risk.methodKey, name,
                        new Rule[]{range("income>=0", 0.0, Double.POSITIVE_INFINITY)}, Mode.REJECT, risk.sink);
            }
            if ("rate".equals(role)) {
                return Validator.perceive(risk.methodKey, name, new Rule[]{range("rate[" + rateMin + ", " + rateMax
                        + "]", rateMin, rateMax)}, Mode.REJECT, risk.sink);
            }
            if ("score".equals(role)) {
                return Validator.perceive(risk.methodKey, name, new Rule[]{range("score[" + scoreMin + ", "
                        + scoreMax + "]", scoreMin, scoreMax)}, Mode.REPAIR, risk.sink);
            }
            return Validator.perceive(risk.methodKey, name, new Rule[0], Mode.REPORT, risk.sink);
        }

        private Validator forResult(FinancialRisk risk, String methodName) {
            String role = roleOf(methodName);
            Rule[] rules = new Rule[]{mapClamp()};
            if ("rate".equals(role)) {
                rules = new Rule[]{range("rate[" + rateMin + ", " + rateMax + "]", rateMin, rateMax), mapClamp()};
            } else if ("score".equals(role)) {
                rules = new Rule[]{range("score[" + scoreMin + ", " + scoreMax + "]", scoreMin, scoreMax),
                        mapClamp()};
            }
            return Validator.enforce(risk.methodKey, rules, Mode.REPAIR, risk.sink);
        }

        /** Clamps the score and rate entries of a {@code Map} result (by key name). */
        private Rule mapClamp() {
            return new Rule("map-entries[score, rate]") {
                @Override
                public boolean accepts(Object value) {
                    if (!(value instanceof Map)) {
                        return true;
                    }
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                        if (e.getValue() instanceof Number && clampEntry(e.getKey(), e.getValue()) != e.getValue()) {
                            return false;
                        }
                    }
                    return true;
                }

                @Override
                public Object repair(Object value) {
                    Map<Object, Object> copy = new LinkedHashMap<Object, Object>((Map<?, ?>) value);
                    for (Map.Entry<Object, Object> e : copy.entrySet()) {
                        if (e.getValue() instanceof Number) {
                            e.setValue(clampEntry(e.getKey(), e.getValue()));
                        }
                    }
                    return copy;
                }
            };
        }

        private Object clampEntry(Object key, Object value) {
            String role = roleOf(String.valueOf(key));
            double d = ((Number) value).doubleValue();
            if ("score".equals(role) && (d < scoreMin || d > scoreMax)) {
                Object c = clamp(value, scoreMin, scoreMax);
                return c == Rule.UNREPAIRABLE ? value : c;
            }
            if ("rate".equals(role) && (d < rateMin || d > rateMax)) {
                Object c = clamp(value, rateMin, rateMax);
                return c == Rule.UNREPAIRABLE ? value : c;
            }
            return value;
        }
    }
}
