package dev.poet.agent.install;

import java.lang.instrument.Instrumentation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Slots;
import dev.poet.core.config.ActivationMode;
import dev.poet.core.config.ConfigLoader;
import dev.poet.core.config.ConfigProblem;
import dev.poet.core.config.GeneratorKind;
import dev.poet.core.config.PoetConfig;
import dev.poet.core.engine.EngineOptions;
import dev.poet.core.engine.EnhancementPipeline;
import dev.poet.core.engine.MethodRegistry;
import dev.poet.core.engine.MethodSettingsSource;
import dev.poet.core.engine.PoetEngine;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.telemetry.Telemetry;
import dev.poet.core.train.Train;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.log.PoetLog;
import dev.poet.llm.LlmGenerators;
import dev.poet.core.store.VersionStore;
import dev.poet.runtime.event.PhaseEventSink;

/**
 * Starts POET inside the application's JVM: reads the configuration, wires the engine to the bridge and installs
 * the class-file transformer. Called by {@code PoetAgent} once the bridge is on the bootstrap path. Never throws.
 */
public final class AgentInstaller {

    private static final long SHUTDOWN_WAIT_MS = 5_000;

    private AgentInstaller() {
    }

    /**
     * @param agentArgs the {@code -javaagent:poet-agent.jar=...} argument string, may be null
     * @param attached  true when loaded into a running JVM ({@code agentmain}): loaded classes are retransformed
     */
    public static void install(String agentArgs, Instrumentation instrumentation, boolean attached) {
        try {
            PoetConfig config = ConfigLoader.fromSystem(agentArgs);
            PoetLog.configure(config);
            for (ConfigProblem problem : config.problems()) {
                PoetLog.warn("configuration: " + problem);
            }
            if (!config.enabled()) {
                PoetLog.info("disabled by poet.enabled=false; the application runs unchanged");
                return;
            }
            start(config, instrumentation, attached);
        } catch (Throwable t) {
            PoetLog.suppressed("agent not started; the application runs unchanged", t);
        }
    }

    /**
     * The template management API joins the HTTP server when it runs; each change is a config.changed event. A
     * failure here leaves the rest of the agent running without these routes.
     */
    private static void addTemplateRoutes(PoetConfig config, TemplateRepository templates, Telemetry telemetry) {
        try {
            telemetry.router().ifPresent(router -> {
                dev.poet.core.train.TrainEvents changes = dev.poet.core.train.TrainEvents.writingTo(
                        telemetry.writer(), telemetry.factory());
                new dev.poet.core.http.TemplateRoutes(new dev.poet.core.templates.TemplateCatalog(templates,
                        Clock.systemUTC()), config.httpToken(),
                        payload -> changes.emit(dev.poet.core.events.EventTypes.CONFIG_CHANGED, null, payload))
                        .addTo(router);
            });
        } catch (RuntimeException | LinkageError e) {
            PoetLog.warn("HTTP API: the template routes were not added: " + e);
        }
    }

    private static void start(PoetConfig config, Instrumentation instrumentation, boolean attached) {
        SourceGenerator sources = null;
        if (config.generator() == GeneratorKind.LLM) {
            sources = LlmGenerators.fromConfig(config).orElse(null);
            if (sources == null) {
                PoetLog.warn("poet.generator=llm: no LLM generator could be set up; enhancements come from templates");
            }
        }
        MethodRegistry registry = new MethodRegistry();
        TemplateRepository templates = new TemplateRepository(config.home(), config.templatesDir().orElse(null),
                AgentInstaller.class.getClassLoader());
        MethodSettingsSource settings = (className, methodName, parameterTypes) ->
                config.settingsFor(className, methodName, parameterTypes).asMap();
        Telemetry telemetry = Telemetry.start(config, agentVersion(), Clock.systemUTC()).orElse(null);
        EngineEvents events = telemetry == null ? EngineEvents.NONE : telemetry.engineEvents();
        if (telemetry != null) {
            addTemplateRoutes(config, templates, telemetry);
        }
        VersionStore versions = new VersionStore(config.home(), config.versionsMax(), Clock.systemUTC());
        EnhancementPipeline pipeline = new EnhancementPipeline(templates, new ModuleOpeningOriginalHandles(instrumentation),
                settings, events, PhaseEventSink.NONE, versions, sources, config.recordInputs(),
                ParamBounds.of(config.trainBounds()));
        EngineOptions options = new EngineOptions(config.activation() == ActivationMode.EAGER,
                config.activationTimeoutMs(), config.quarantineFailures(), config.summary(), 3);
        PoetEngine engine = new PoetEngine(options, registry, pipeline, events);
        Train train = null;
        if (telemetry != null) {
            telemetry.recordExecutions(engine);
            pipeline.trackConfigurationIn(Train.configHistory(config, telemetry, Clock.systemUTC()));
            // Learns only for methods with optimize-for; its runs find nothing to do otherwise.
            train = Train.start(config, telemetry, engine, versions, Clock.systemUTC());
        }
        Train trainAtExit = train;
        Dispatcher.install(engine);

        Selection selection = new ConfiguredSelection(config);
        PoetTransformer transformer = new PoetTransformer(selection, registry, new BridgeVisibility(),
                new BridgeReadEdge(instrumentation));
        instrumentation.addTransformer(transformer, true);
        if (attached) {
            retransformLoaded(instrumentation, selection);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Versions being stored are finished (bounded), so an exit right after activation loses nothing; an
            // activation still running is not waited for (its versions are neither active nor stored yet).
            if (trainAtExit != null) {
                trainAtExit.close();
            }
            engine.shutdown(SHUTDOWN_WAIT_MS);
            if (telemetry != null) {
                telemetry.close();
            }
            if (options.summary()) {
                engine.printSummary();
            }
        }, "poet-shutdown"));
        PoetLog.debug("started; " + Slots.CAPACITY + " slots, home " + config.home());
    }

    /** The agent jar's version (its manifest's {@code Implementation-Version}), for event metadata. */
    private static String agentVersion() {
        String v = AgentInstaller.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** In an attached agent, classes loaded before us are retransformed so their selected methods are routed. */
    private static void retransformLoaded(Instrumentation instrumentation, Selection selection) {
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            String internal = type.getName().replace('.', '/');
            if (!instrumentation.isModifiableClass(type) || !PoetTransformer.eligible(type.getClassLoader(), internal)) {
                continue;
            }
            if (selection.selectsClass(type.getName()) || mentionsPoet(type)) {
                targets.add(type);
            }
        }
        for (Class<?> type : targets) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Throwable t) {
                PoetLog.suppressed("could not retransform " + type.getName(), t);
            }
        }
    }

    private static boolean mentionsPoet(Class<?> type) {
        try {
            for (java.lang.annotation.Annotation annotation : type.getDeclaredAnnotations()) {
                if (annotation.annotationType().getName().equals(PoetAnnotation.NAME)) {
                    return true;
                }
            }
            for (java.lang.reflect.Method method : type.getDeclaredMethods()) {
                for (java.lang.annotation.Annotation annotation : method.getDeclaredAnnotations()) {
                    if (annotation.annotationType().getName().equals(PoetAnnotation.NAME)) {
                        return true;
                    }
                }
            }
        } catch (Throwable ignored) {
            // A class whose members cannot be resolved is not one we can enhance.
        }
        return false;
    }

}
