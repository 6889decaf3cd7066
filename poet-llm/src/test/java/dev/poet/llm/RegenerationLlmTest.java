package dev.poet.llm;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.Dispatcher;
import dev.poet.bridge.Outcome;
import dev.poet.bridge.SlotTable;
import dev.poet.core.config.ConfigLoader;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.EventTypes;
import dev.poet.core.engine.EngineOptions;
import dev.poet.core.engine.EnhancementPipeline;
import dev.poet.core.engine.MethodRegistry;
import dev.poet.core.engine.PoetEngine;
import dev.poet.core.engine.PrivateLookupOriginalHandles;
import dev.poet.core.generate.SourceGenerator;
import dev.poet.core.generate.TemplateRepository;
import dev.poet.core.model.MethodSpec;
import dev.poet.core.replay.RecordedExecution;
import dev.poet.core.replay.RecordedInputs;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.Objective;
import dev.poet.core.train.Promotion;
import dev.poet.core.train.RegenerationRequest;
import dev.poet.core.train.TrainEvents;
import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.evidence.Detections;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.evidence.Latency;
import dev.poet.core.train.regen.CandidateRegenerator;
import dev.poet.core.train.regen.ReplayEvaluator;
import dev.poet.core.train.regen.ReplaySamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regeneration through the real engine and a scripted model behind a local HTTP server speaking the OpenAI
 * protocol: the model's first answer alerts above psi 0.2 (as the method does); asked again with the evidence it
 * answers a candidate with another threshold. On 40 recorded executions labelled "real drift above psi 0.6" a
 * worse candidate is discarded, a better one promoted into the slot, and a promoted one rolled back.
 */
class RegenerationLlmTest {

    /** The application: a drift detector far too sensitive. */
    public static class Monitor {
        public Map<String, Object> check(double psi) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("psi", psi);
            r.put("drift_detected", psi > 0.2);
            return r;
        }
    }

    private static final Pattern CLASS_NAME = Pattern.compile("dev\\.poet\\.gen\\.(Poet_[A-Za-z0-9_]+)");

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> prompts = new CopyOnWriteArrayList<>();
    private volatile double candidateThreshold;
    private PoetEngine engine;
    private SlotTable table;
    private int id;
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"), clock);
    private final Log log = new Log();
    private final Inputs inputs = new Inputs();

    @BeforeEach
    void model() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            prompts.add(body);
            Matcher m = CLASS_NAME.matcher(body);
            String name = m.find() ? m.group(1) : "Missing";
            double threshold = body.contains("Evidence from production") ? candidateThreshold : 0.2;
            byte[] bytes = ScriptedServer.answerBody(dev.poet.core.config.LlmProvider.OPENAI,
                    "```java\n" + source(name, threshold) + "\n```").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        Dispatcher.install(null);
        if (engine != null) {
            engine.shutdown(5_000);
        }
        server.stop(0);
    }

    /** An enhancement deciding {@code drift_detected} in Enforce from the result's psi. */
    private static String source(String simpleName, double threshold) {
        return "package dev.poet.gen;\n"
                + "import dev.poet.bridge.Call;\nimport dev.poet.bridge.Enhancement;\nimport dev.poet.bridge.MethodContext;\n"
                + "import java.util.LinkedHashMap;\nimport java.util.Map;\n"
                + "public final class " + simpleName + " implements Enhancement {\n"
                + "    public " + simpleName + "(MethodContext ctx) { }\n"
                + "    public Object[] perceive(Call call, Object[] args) { return args; }\n"
                + "    public Object operate(Call call, Object[] args) throws Throwable { return call.proceed(args); }\n"
                + "    public Object enforce(Call call, Object result) {\n"
                + "        if (!(result instanceof Map)) { return result; }\n"
                + "        Map r = new LinkedHashMap((Map) result);\n"
                + "        Object psi = r.get(\"psi\");\n"
                + "        if (psi instanceof Number) {\n"
                + "            r.put(\"drift_detected\", Boolean.valueOf(((Number) psi).doubleValue() > " + threshold + "));\n"
                + "        }\n"
                + "        return r;\n"
                + "    }\n"
                + "}\n";
    }

    private void start() {
        table = new SlotTable();
        MethodRegistry registry = new MethodRegistry(table);
        MethodSpec spec = new MethodSpec(Monitor.class.getName(), "check", "(D)Ljava/util/Map;",
                java.lang.reflect.Modifier.PUBLIC, Map.of());
        id = registry.register(Monitor.class.getClassLoader(), spec);
        SourceGenerator llm = LlmGenerators.fromConfig(ConfigLoader.load(null, Map.of(
                "poet.generator", "llm", "poet.llm.provider", "openai",
                "poet.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "poet.llm.model", "scripted", "poet.llm.api-key", "sk-test"), Map.of(), dir)).orElseThrow();
        EnhancementPipeline pipeline = new EnhancementPipeline(new TemplateRepository(null, null,
                getClass().getClassLoader()), new PrivateLookupOriginalHandles(),
                (className, methodName, types) -> Map.of("optimize-for", "accuracy"),
                dev.poet.core.events.engine.EngineEvents.NONE, new VersionStore(dir.resolve(".poet")), llm);
        engine = new PoetEngine(new EngineOptions(true, 10_000, 3, false, 0), registry, pipeline);
        Dispatcher.install(engine);
    }

    private Object detected(double psi) {
        Outcome outcome = Dispatcher.dispatch(table.content(id), id, Monitor.class, new Monitor(),
                new Object[] {psi});
        if (outcome == null) {
            return new Monitor().check(psi).get("drift_detected");
        }
        return ((Map<?, ?>) outcome.value).get("drift_detected");
    }

    /** Activation, then the model's version replacing the template's and stored. */
    private TrainedMethod llmVersionActive() throws Exception {
        start();
        detected(0.5);
        engine.discovered(id, Monitor.class);
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            List<TrainedMethod> t = engine.trainedMethods();
            if (!t.isEmpty() && !"pending".equals(t.get(0).version()) && table.content(id) instanceof ActiveMethod a
                    && a.enhancement().getClass().getName().contains("Poet_")) {
                VersionStore store = new VersionStore(dir.resolve(".poet"));
                if (store.current(MethodKey.parse(t.get(0).key())).map(v -> "llm".equals(v.metadata().generator()))
                        .orElse(false)) {
                    return t.get(0);
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the model's version did not become active");
    }

    /** 40 executions recorded by the running version (alerting above 0.2), labelled by the oracle. */
    private void labelled(String key) throws IOException {
        for (int i = 0; i < 40; i++) {
            double psi = i / 40.0;
            inputs.add(new RecordedExecution(key, "x" + i, 1_000L + i, "[" + psi + "]",
                    "{\"psi\":" + psi + ",\"drift_detected\":" + (psi > 0.2) + "}", "success"));
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("method", key);
            p.put("was_real_drift", psi > 0.6);
            log.append(List.of(factory.create(EventTypes.FUNCTION_FEEDBACK, 1_000L + i, "x" + i, null, p)));
        }
    }

    private CandidateRegenerator regenerator() {
        TrainEvents events = (type, cause, payload) -> {
            Event e = factory.create(type, 0, null, cause, payload);
            log.events.add(e);
            return e.id();
        };
        return new CandidateRegenerator(engine, new ReplaySamples(log, inputs), new ReplayEvaluator(), 20, events,
                clock);
    }

    private static RegenerationRequest request(TrainedMethod m) {
        Evidence e = new Evidence(m.key(), 0, 1, 40, 40, 0, 0, Map.of(), Map.of(), 0, 0, Latency.NONE, Latency.NONE,
                0, 0, Double.NaN, Double.NaN, new Detections(40, 31, 15, 16, 0, 9, 0, 0), 40, Map.of(),
                List.of("seasonal"), Map.of());
        return new RegenerationRequest(m, Objective.ACCURACY, List.of("false_positive_rate"),
                Map.of("false_positive_rate", 16 / 31.0), e, List.of("seasonal"), List.of(), null);
    }

    private List<Event> events(String type) {
        return log.query(EventQuery.all().withType(type));
    }

    @Test
    void aWorseCandidateFromTheModelIsNotPromotedAndTheReasonIsGiven() throws Exception {
        TrainedMethod m = llmVersionActive();
        labelled(m.key());
        candidateThreshold = 0.05;

        Optional<Promotion> p = regenerator().regenerate(request(m));

        assertThat(p).isEmpty();
        assertThat(prompts.get(prompts.size() - 1)).contains("Evidence from production")
                .contains("false_positive_rate").contains("seasonal");
        Event discarded = events(EventTypes.TRAIN_CANDIDATE_DISCARDED).get(0);
        assertThat(discarded.payload().get("reason").toString()).contains("not better on replay");
        assertThat(discarded.payload().get("replay").toString()).contains("current_score=0.4")
                .contains("candidate_score=0.55");
        String candidate = (String) discarded.payload().get("version");
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        MethodKey key = MethodKey.parse(m.key());
        assertThat(store.version(key, candidate).orElseThrow().metadata().status()).isEqualTo(VersionStatus.REJECTED);
        assertThat(store.currentName(key)).hasValue(m.version());
        assertThat(engine.trainedMethods().get(0).version()).isEqualTo(m.version());
        assertThat(detected(0.5)).as("the running version still alerts at 0.5").isEqualTo(true);
    }

    @Test
    void aBetterCandidateFromTheModelIsPromotedAndAPromotedOneCanBeUndone() throws Exception {
        TrainedMethod m = llmVersionActive();
        labelled(m.key());
        candidateThreshold = 0.6;
        assertThat(detected(0.5)).isEqualTo(true);

        Optional<Promotion> p = regenerator().regenerate(request(m));

        assertThat(p).isPresent();
        VersionStore store = new VersionStore(dir.resolve(".poet"));
        MethodKey key = MethodKey.parse(m.key());
        assertThat(store.currentName(key)).hasValue(p.get().version());
        assertThat(engine.trainedMethods().get(0).version()).isEqualTo(p.get().version());
        assertThat(detected(0.5)).as("the promoted version decides with its own threshold").isEqualTo(false);
        assertThat(detected(0.7)).isEqualTo(true);
        Event promoted = events(EventTypes.VERSION_PROMOTED).get(0);
        assertThat(promoted.payload().get("replay").toString()).contains("candidate_score=0.0")
                .contains("replayed=40");

        boolean undone = regenerator().rollBack(p.get(), Map.of("measure_before", 0.0, "measure_after", 0.5));

        assertThat(undone).isTrue();
        assertThat(store.currentName(key)).hasValue(m.version());
        assertThat(store.version(key, p.get().version()).orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.ROLLED_BACK);
        assertThat(detected(0.5)).as("the previous version runs again").isEqualTo(true);
        assertThat(events(EventTypes.VERSION_ROLLED_BACK)).singleElement()
                .satisfies(e -> assertThat(e.causationId()).isEqualTo(promoted.id()));
    }

    /** The event log in memory. */
    private static final class Log implements EventLog {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void append(List<Event> batch) {
            events.addAll(batch);
        }

        @Override
        public void appendDurable(Event event) {
            events.add(event);
        }

        @Override
        public void sync() {
        }

        @Override
        public Optional<Event> execution(String executionId) {
            return Optional.empty();
        }

        @Override
        public List<Event> feedbackFor(String executionId) {
            return List.of();
        }

        @Override
        public List<Event> feedbackForMethod(String methodKey, long sinceMillis) {
            return query(new EventQuery(EventTypes.FUNCTION_FEEDBACK, methodKey, sinceMillis, null, 0));
        }

        @Override
        public List<Event> query(EventQuery query) {
            List<Event> out = new ArrayList<>();
            for (Event e : events) {
                if (query.matches(e)) {
                    out.add(e);
                }
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    /** Recorded inputs in memory. */
    private static final class Inputs implements RecordedInputs {
        final Map<String, RecordedExecution> byId = new LinkedHashMap<>();

        @Override
        public void add(RecordedExecution execution) {
            byId.put(execution.executionId(), execution);
        }

        @Override
        public List<RecordedExecution> recent(String methodKey, int max) {
            List<RecordedExecution> all = new ArrayList<>(byId.values());
            return all.subList(Math.max(0, all.size() - max), all.size());
        }

        @Override
        public Optional<RecordedExecution> get(String methodKey, String executionId) {
            return Optional.ofNullable(byId.get(executionId));
        }

        @Override
        public void close() {
        }
    }
}
