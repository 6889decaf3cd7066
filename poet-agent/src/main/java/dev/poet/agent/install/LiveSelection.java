package dev.poet.agent.install;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import dev.poet.core.config.ConfigProblem;
import dev.poet.core.config.IncludeParser;
import dev.poet.core.config.MethodSelector;
import dev.poet.core.log.PoetLog;
import dev.poet.core.operate.SelectionListener;

/**
 * The selection the transformer consults, replaceable while the application runs. A new selection is parsed
 * (one that does not parse changes nothing) and swapped in; then the loaded classes whose routing it changes are
 * found by name among {@link Instrumentation#getAllLoadedClasses()} (nothing is loaded or read for that) and
 * exactly those classes are retransformed: newly selected methods get the entry hook, deselected ones go back
 * to the class file as it was loaded and their slots are deselected. {@code @Poet} methods are selected whatever
 * the selection says. Changes are applied one at a time; a class loading meanwhile sees the old selection or the
 * new one ({@link #current()} is one immutable snapshot).
 */
public final class LiveSelection implements Selection, SelectionListener {

    /** What one change did, for the log and for tests. */
    public record Change(boolean applied, List<String> retransformed, List<String> failed, List<String> problems) {
    }

    private final Instrumentation instrumentation;
    private volatile ConfiguredSelection current;
    private boolean transformerInstalled;

    LiveSelection(List<MethodSelector> initial, Instrumentation instrumentation) {
        this.current = new ConfiguredSelection(initial);
        this.instrumentation = instrumentation;
    }

    /** From now on classes this changes are retransformed; before, a change only replaces the snapshot. */
    synchronized void transformerInstalled() {
        transformerInstalled = true;
    }

    @Override
    public Selection current() {
        return current;
    }

    @Override
    public boolean selectsClass(String className) {
        return current.selectsClass(className);
    }

    @Override
    public boolean selectsMethod(String className, String methodName) {
        return current.selectsMethod(className, methodName);
    }

    /** The entries in force, in include syntax. */
    public String include() {
        List<String> entries = new ArrayList<>();
        for (MethodSelector selector : current.selectors()) {
            entries.add(selector.toString());
        }
        return String.join(";", entries);
    }

    @Override
    public void selectionChanged(String include, String actor) {
        try {
            apply(include, actor);
        } catch (Throwable t) {
            PoetLog.suppressed("selection change by " + actor + " not applied", t);
        }
    }

    /** Applies {@code include}; see the class comment. Never throws for bad input: the problems are returned. */
    public synchronized Change apply(String include, String actor) {
        IncludeParser.Result parsed = IncludeParser.parse(include == null ? "" : include);
        if (!parsed.problems().isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (ConfigProblem problem : parsed.problems()) {
                problems.add(problem.toString());
                PoetLog.warn("selection from " + actor + " not applied: " + problem);
            }
            return new Change(false, List.of(), List.of(), List.copyOf(problems));
        }
        ConfiguredSelection before = current;
        ConfiguredSelection after = new ConfiguredSelection(parsed.selectors());
        if (after.selectors().equals(before.selectors())) {
            return new Change(true, List.of(), List.of(), List.of());
        }
        // Swapped before the loaded classes are listed: a class defined after the listing was transformed under
        // the new selection, unless its transformation began before the swap (the narrow window left).
        current = after;
        List<Class<?>> changed = transformerInstalled ? changedClasses(before, after) : List.of();
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        // One at a time: a class that cannot be retransformed must not keep the others from their new routing.
        for (Class<?> type : changed) {
            try {
                instrumentation.retransformClasses(type);
                done.add(type.getName());
            } catch (Throwable t) {
                failed.add(type.getName());
                PoetLog.suppressed("could not retransform " + type.getName() + " for the new selection", t);
            }
        }
        PoetLog.info("selection changed by " + actor + " to '" + include() + "': " + done.size()
                + " loaded class(es) retransformed" + (failed.isEmpty() ? "" : ", " + failed.size() + " failed"));
        return new Change(true, List.copyOf(done), List.copyOf(failed), List.of());
    }

    /** The loaded, modifiable application classes for which the two selections name different entries. */
    private List<Class<?>> changedClasses(ConfiguredSelection before, ConfiguredSelection after) {
        List<Class<?>> changed = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            String name = type.getName();
            List<MethodSelector> old = before.entriesFor(name);
            List<MethodSelector> now = after.entriesFor(name);
            if (old.isEmpty() && now.isEmpty() || new HashSet<>(old).equals(new HashSet<>(now))) {
                continue;
            }
            if (type.isArray() || type.isPrimitive() || !instrumentation.isModifiableClass(type)
                    || !PoetTransformer.eligible(type.getClassLoader(), name.replace('.', '/'))) {
                continue;
            }
            changed.add(type);
        }
        return changed;
    }
}
