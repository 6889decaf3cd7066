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
import dev.poet.core.config.IncludeParser;
import dev.poet.core.config.PoetConfig;
import dev.poet.core.engine.EngineOptions;
import dev.poet.core.engine.EnhancementPipeline;
import dev.poet.core.engine.MethodRegistry;
import dev.poet.core.engine.MethodSettingsSource;
import dev.poet.core.engine.PoetEngine;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.config.ReviewMode;
import dev.poet.core.operate.LiveChanges;
import dev.poet.core.operate.LiveOperations;
import dev.poet.core.operate.Operations;
import dev.poet.core.telemetry.Telemetry;
import dev.poet.core.http.MethodRoutes;
import dev.poet.core.operate.StoreOperations;
import dev.poet.core.train.TrainEvents;
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
    private static final String STARTED_PROPERTY = "dev.poet.agent.started";

    private AgentInstaller() {
    }

    /**
     * @param agentArgs the {@code -javaagent:poet-agent.jar=...} argument string, may be null
     * @param attached  true when loaded into a running JVM ({@code agentmain}): loaded classes are retransformed
     */
    public static void install(String agentArgs, Instrumentation instrumentation, boolean attached) {
        try {
            // A second attach (or an attach to a JVM started with -javaagent) would install a second engine over
            // the same slots; the first one stays in charge. A system property, since each load of the agent jar
            // may come with class loaders of its own.
            if (System.getProperties().putIfAbsent(STARTED_PROPERTY, attached ? "attached" : "premain") != null) {
                PoetLog.warn("POET already runs in this JVM (" + System.getProperty(STARTED_PROPERTY)
                        + "); not started a second time");
                return;
            }
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
            telemetry.observe(engine);
            pipeline.trackConfigurationIn(Train.configHistory(config, telemetry, Clock.systemUTC()));
            // Learns only for methods with optimize-for; its runs find nothing to do otherwise.
            train = Train.start(config, telemetry, engine, versions, Clock.systemUTC());
        }
        Train trainAtExit = train;
        LiveChanges live = startOperating(config, engine, pipeline, versions, telemetry);
        Dispatcher.install(engine);
        if (telemetry != null) {
            addMethodsApi(config, telemetry, live);
        }

        LiveSelection selection = liveSelection(config, instrumentation);
        PoetTransformer transformer = new PoetTransformer(selection, registry, new BridgeVisibility(),
                new BridgeReadEdge(instrumentation));
        instrumentation.addTransformer(transformer, true);
        selection.transformerInstalled();
        if (attached) {
            retransformLoaded(instrumentation, selection);
        }
        SelectionFile selectionFile = new SelectionFile(config.home(), config.methodsIncludeText(),
                selection.include(), selection);
        if (live != null) {
            live.watchSelection(selectionFile::poll);
        } else {
            selectionFile.start(config.operatePollMs());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Versions being stored are finished (bounded), so an exit right after activation loses nothing; an
            // activation still running is not waited for (its versions are neither active nor stored yet).
            if (trainAtExit != null) {
                trainAtExit.close();
            }
            if (live != null) {
                live.close();
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

    /** The operator's selection ({@code selection.json}) when there is one, else the configured one. */
    private static LiveSelection liveSelection(PoetConfig config, Instrumentation instrumentation) {
        SelectionFile.Content operator = SelectionFile.read(config.home());
        if (operator != null) {
            IncludeParser.Result parsed = IncludeParser.parse(operator.include());
            if (parsed.problems().isEmpty()) {
                PoetLog.info("selection from " + config.home().resolve(SelectionFile.NAME) + " (set by "
                        + operator.changedBy() + ") replaces poet.methods.include");
                return new LiveSelection(parsed.selectors(), instrumentation);
            }
            for (ConfigProblem problem : parsed.problems()) {
                PoetLog.warn(SelectionFile.NAME + ": " + problem + "; the configured selection applies");
            }
        }
        return new LiveSelection(config.methodsInclude(), instrumentation);
    }

    /**
     * The running JVM applies the operator's changes ({@code poet.operate.poll-ms}) and writes status.json; the
     * engine consults the operator's choices at activation; {@code poet.review} decides whether new versions wait.
     */
    private static LiveChanges startOperating(PoetConfig config, PoetEngine engine, EnhancementPipeline pipeline,
                                              VersionStore versions, Telemetry telemetry) {
        try {
            pipeline.reviewManually(config.review() == ReviewMode.MANUAL);
            LiveChanges live = new LiveChanges(config.home(), versions, engine,
                    key -> telemetry == null ? null : telemetry.recorder().map(r -> r.snapshot(key)).orElse(null),
                    telemetry == null ? TrainEvents.NONE
                            : TrainEvents.writingTo(telemetry.writer(), telemetry.factory()),
                    config.operatePollMs(), Clock.systemUTC());
            if (telemetry != null) {
                live.httpAddress(() -> telemetry.http().map(h -> h.baseUri().getAuthority()).orElse(null));
            }
            pipeline.operatedBy(live);
            engine.operatedBy(live);
            live.start();
            return live;
        } catch (RuntimeException e) {
            PoetLog.suppressed("operator changes are not applied while this JVM runs (they are at its next start)", e);
            return null;
        }
    }

    /**
     * The methods API on the HTTP server, once the engine exists: over this JVM's live operations, which apply a
     * change at once; when those could not start, over the store as the command line works (applied at the next
     * start).
     */
    private static void addMethodsApi(PoetConfig config, Telemetry telemetry, LiveChanges live) {
        Operations ops = live != null ? new LiveOperations(live, config.methodsIncludeText(), Clock.systemUTC())
                : new StoreOperations(config.home(), config.methodsIncludeText());
        boolean token = config.httpToken().filter(t -> !t.isEmpty()).isPresent();
        telemetry.addRoutes(router -> new MethodRoutes(ops, token).addTo(router));
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
