package dev.poet.core.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.poet.core.operate.OperationException.Kind;
import dev.poet.core.store.AuditRecord;
import dev.poet.core.store.ClassBytes;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;

class StoreOperationsTest {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final MethodKey QUOTE = MethodKey.of("com.acme.Pricing", "quote", "(I)D", "");
    static final MethodKey QUOTE2 = MethodKey.of("com.acme.Pricing", "quote", "(J)D", "");
    static final MethodKey INNER = MethodKey.of("com.acme.Outer$Inner", "run", "()V", "");

    @TempDir
    Path home;
    VersionStore store;
    StoreOperations ops;

    @BeforeEach
    void setUp() throws IOException {
        store = new VersionStore(home);
        ops = new StoreOperations(home, "com.acme.Pricing[quote]", Clock.fixed(NOW, ZoneOffset.UTC));
        save(QUOTE, true, null);
        save(QUOTE, true, null);
        save(INNER, true, null);
    }

    void save(MethodKey key, boolean activate, VersionStatus status) throws IOException {
        VersionMetadata.Builder b = VersionMetadata.builder().generator("template").templateDomain("base")
                .templateVersion("2").bytecodeHash("bc").configFingerprint("fp").audit(AuditRecord.pass());
        if (status != null) {
            b.status(status);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("retries", "3");
        params.put("backoff-multiplier", "2.0");
        params.put("log-only", "true");
        store.save(key, "class Enhancement {}", ClassBytes.of(Map.of("Enhancement", new byte[]{1, 2})), params,
                b.build(), activate);
    }

    /** Every file under the home with its content, to show a refused request changed nothing. */
    Map<String, String> disk() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(home.relativize(p).toString(), new String(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    void refused(Kind kind, String messagePart, Call call) throws IOException {
        Map<String, String> before = disk();
        assertThatThrownBy(call::run).isInstanceOf(OperationException.class)
                .satisfies(e -> assertThat(((OperationException) e).kind()).isEqualTo(kind))
                .hasMessageContaining(messagePart);
        assertThat(disk()).isEqualTo(before);
    }

    interface Call {
        void run() throws Exception;
    }

    @Test
    void resolvesKeysClassMethodAndPrefixes() throws Exception {
        assertThat(ops.resolve(QUOTE.value())).isEqualTo(QUOTE.value());
        assertThat(ops.resolve("Pricing.quote")).isEqualTo(QUOTE.value());
        assertThat(ops.resolve("com.acme.Pricing.quote")).isEqualTo(QUOTE.value());
        assertThat(ops.resolve("com.acme.Outer$Inner.run")).isEqualTo(INNER.value());
        assertThat(ops.resolve("Inner.run")).isEqualTo(INNER.value());
        assertThat(ops.resolve("com.acme.Outer-")).isEqualTo(INNER.value());
        refused(Kind.UNKNOWN, "no method matches 'Pricing.nothing'", () -> ops.resolve("Pricing.nothing"));
        refused(Kind.BAD_REQUEST, "path", () -> ops.resolve("../etc/passwd"));
        refused(Kind.BAD_REQUEST, "path", () -> ops.resolve("%2e%2e"));
        refused(Kind.BAD_REQUEST, "invalid method name", () -> ops.resolve("a b"));
        refused(Kind.BAD_REQUEST, "no method named", () -> ops.resolve(" "));
        save(QUOTE2, true, null);
        assertThatThrownBy(() -> ops.resolve("Pricing.quote")).isInstanceOf(OperationException.class)
                .satisfies(e -> assertThat(((OperationException) e).kind()).isEqualTo(Kind.AMBIGUOUS))
                .hasMessageContaining(QUOTE.value()).hasMessageContaining(QUOTE2.value());
        assertThat(ops.resolve(QUOTE2.value())).isEqualTo(QUOTE2.value());
    }

    @Test
    void readsMethodsAndVersionsFromTheStore() throws Exception {
        List<MethodView> methods = ops.methods();
        assertThat(methods).extracting(MethodView::key).containsExactly(INNER.value(), QUOTE.value());
        MethodView quote = ops.method(QUOTE.value());
        assertThat(quote.state()).isEqualTo("active");
        assertThat(quote.activeVersion()).isEqualTo("v2");
        assertThat(quote.enabled()).isTrue();
        assertThat(quote.domain()).isEqualTo("base");
        assertThat(quote.displayName()).isEqualTo("com.acme.Pricing.quote");
        assertThat(quote.live()).isNull();
        assertThat(ops.method(INNER.value()).displayName()).isEqualTo("com.acme.Outer$Inner.run");

        List<VersionView> versions = ops.versions(QUOTE.value());
        assertThat(versions).extracting(VersionView::name).containsExactly("v2", "v1");
        assertThat(versions).extracting(VersionView::status).containsExactly("active", "superseded");
        assertThat(versions).extracting(VersionView::current).containsExactly(true, false);

        VersionDetail v1 = ops.version(QUOTE.value(), "v1");
        assertThat(v1.source()).isEqualTo("class Enhancement {}");
        assertThat(v1.metadata()).containsEntry("templateDomain", "base");
        assertThat(v1.audit()).containsEntry("passed", true);
        assertThat(v1.params()).containsEntry("retries", "3");
        assertThat(ops.selection()).isEqualTo("com.acme.Pricing[quote]");
        assertThat(ops.params(QUOTE.value())).isEmpty();

        refused(Kind.UNKNOWN, "no version v9", () -> ops.version(QUOTE.value(), "v9"));
        refused(Kind.BAD_REQUEST, "invalid version name", () -> ops.version(QUOTE.value(), "..%2f"));
        refused(Kind.BAD_REQUEST, "invalid method key", () -> ops.versions("../../x"));
        refused(Kind.UNKNOWN, "no method", () -> ops.versions(QUOTE2.value()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void rollbackMakesTheVersionCurrentAndMarksTheOneItReplaces() throws Exception {
        ChangeReceipt r = ops.rollback(QUOTE.value(), "v1", "cli:ann");
        assertThat(r.applied()).isFalse();
        assertThat(r.kind()).isEqualTo("rollback");
        assertThat(r.actor()).isEqualTo("cli:ann");
        assertThat(store.currentName(QUOTE)).contains("v1");
        assertThat(store.version(QUOTE, "v1").orElseThrow().metadata().status()).isEqualTo(VersionStatus.ACTIVE);
        assertThat(store.version(QUOTE, "v2").orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.ROLLED_BACK);
        Map<String, Object> change = OperateFiles.readObject(home.resolve("changes").resolve(r.id() + ".json"))
                .orElseThrow();
        assertThat(change).containsEntry("actor", "cli:ann").containsEntry("kind", "rollback")
                .containsEntry("method", QUOTE.value()).containsEntry("at", NOW.toString());
        assertThat((Map<String, Object>) change.get("detail")).containsEntry("version", "v1").containsEntry("previous", "v2");

        // An operator may undo their own rollback.
        ops.rollback(QUOTE.value(), "v2", "cli:ann");
        assertThat(store.currentName(QUOTE)).contains("v2");
        assertThat(store.version(QUOTE, "v1").orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.ROLLED_BACK);
    }

    @Test
    void refusedRollbacksChangeNothing() throws Exception {
        store.markStatus(QUOTE, "v1", VersionStatus.REJECTED, "audit failed");
        refused(Kind.CONFLICT, "rejected", () -> ops.rollback(QUOTE.value(), "v1", "cli:ann"));
        refused(Kind.UNKNOWN, "no version v7", () -> ops.rollback(QUOTE.value(), "v7", "cli:ann"));
        refused(Kind.BAD_REQUEST, "path traversal", () -> ops.rollback(QUOTE.value(), "../v1", "cli:ann"));
        refused(Kind.BAD_REQUEST, "invalid version name", () -> ops.rollback(QUOTE.value(), "v1\\", "cli:ann"));
        refused(Kind.BAD_REQUEST, "invalid method key",
                () -> ops.rollback("com.acme..Pricing~quote~00000000", "v1", "cli:ann"));
        refused(Kind.UNKNOWN, "no method", () -> ops.rollback(QUOTE2.value(), "v1", "cli:ann"));
    }

    @Test
    void approvalAndRejectionOfVersionsAwaitingReview() throws Exception {
        save(QUOTE, false, VersionStatus.AWAITING_REVIEW);
        save(QUOTE, false, VersionStatus.AWAITING_REVIEW);
        MethodView waiting = ops.method(QUOTE.value());
        assertThat(waiting.awaitingReview()).containsExactly("v3", "v4");
        assertThat(waiting.activeVersion()).isEqualTo("v2");

        refused(Kind.CONFLICT, "not be approved", () -> ops.approve(QUOTE.value(), "v2", "http:1.2.3.4"));
        ops.approve(QUOTE.value(), "v3", "http:1.2.3.4");
        assertThat(store.currentName(QUOTE)).contains("v3");
        assertThat(store.version(QUOTE, "v3").orElseThrow().metadata().status()).isEqualTo(VersionStatus.ACTIVE);
        assertThat(store.version(QUOTE, "v2").orElseThrow().metadata().status())
                .isEqualTo(VersionStatus.SUPERSEDED);

        ops.reject(QUOTE.value(), "v4", "too slow", "cli:bob");
        assertThat(store.version(QUOTE, "v4").orElseThrow().metadata().status()).isEqualTo(VersionStatus.REJECTED);
        assertThat(store.version(QUOTE, "v4").orElseThrow().metadata().reason()).contains("cli:bob", "too slow");
        assertThat(ops.method(QUOTE.value()).awaitingReview()).isEmpty();
        refused(Kind.CONFLICT, "not be rejected", () -> ops.reject(QUOTE.value(), "v4", null, "cli:bob"));
    }

    @Test
    void paramsAreCheckedAsConfigurationChecksThemAndMerged() throws Exception {
        ops.setParams(QUOTE.value(), Map.of("retries", "5", "backoff-multiplier", "3"), "cli:ann");
        assertThat(ops.params(QUOTE.value())).containsExactly(Map.entry("backoff-multiplier", "3"),
                Map.entry("retries", "5"));
        Map<String, String> remove = new LinkedHashMap<>();
        remove.put("backoff-multiplier", "");
        ops.setParams(QUOTE.value(), remove, "cli:ann");
        assertThat(ops.params(QUOTE.value())).containsExactly(Map.entry("retries", "5"));
        Map<String, Object> file = OperateFiles.readObject(store.methodDir(QUOTE).resolve("operator.json"))
                .orElseThrow();
        assertThat(file).containsEntry("enabled", true).containsEntry("changed_by", "cli:ann")
                .containsEntry("changed_at", NOW.toString()).containsEntry("params", Map.of("retries", "5"));

        refused(Kind.BAD_REQUEST, "unknown parameter 'colour'",
                () -> ops.setParams(QUOTE.value(), Map.of("colour", "red"), "cli:ann"));
        refused(Kind.BAD_REQUEST, "parameter 'retries'='0': out of range",
                () -> ops.setParams(QUOTE.value(), Map.of("retries", "0"), "cli:ann"));
        refused(Kind.BAD_REQUEST, "parameter 'retries'='many': not an integer",
                () -> ops.setParams(QUOTE.value(), Map.of("retries", "many"), "cli:ann"));
        refused(Kind.BAD_REQUEST, "parameter 'backoff-multiplier'='fast': not a number",
                () -> ops.setParams(QUOTE.value(), Map.of("backoff-multiplier", "fast"), "cli:ann"));
        refused(Kind.BAD_REQUEST, "not a boolean",
                () -> ops.setParams(QUOTE.value(), Map.of("log-only", "maybe"), "cli:ann"));
        refused(Kind.BAD_REQUEST, "'domain' is not a parameter",
                () -> ops.setParams(QUOTE.value(), Map.of("domain", "llm_ops"), "cli:ann"));
        refused(Kind.BAD_REQUEST, "invalid parameter name",
                () -> ops.setParams(QUOTE.value(), Map.of("../x", "1"), "cli:ann"));
        // One bad entry refuses the whole change.
        refused(Kind.BAD_REQUEST, "timeout-ms",
                () -> ops.setParams(QUOTE.value(), Map.of("retries", "2", "timeout-ms", "-4"), "cli:ann"));
        refused(Kind.BAD_REQUEST, "no parameters given", () -> ops.setParams(QUOTE.value(), Map.of(), "cli:ann"));
    }

    @Test
    void disablingShowsInTheViewAndSurvivesAParamChange() throws Exception {
        ops.setEnabled(QUOTE.value(), false, "cli:ann");
        assertThat(ops.method(QUOTE.value()).state()).isEqualTo("disabled");
        ops.setParams(QUOTE.value(), Map.of("retries", "2"), "cli:ann");
        assertThat(ops.method(QUOTE.value()).enabled()).isFalse();
        ops.setEnabled(QUOTE.value(), true, "cli:ann");
        assertThat(ops.method(QUOTE.value()).state()).isEqualTo("active");
        assertThat(ops.params(QUOTE.value())).containsEntry("retries", "2");
    }

    @Test
    void selectionReplacesTheConfiguredOneOnlyWhenItParses() throws Exception {
        refused(Kind.BAD_REQUEST, "'com.acme.Pricing': expected",
                () -> ops.setSelection("com.acme.Pricing", "cli:ann"));
        ChangeReceipt r = ops.setSelection("com.acme.Pricing[*];com.acme.Other[a,b]", "cli:ann");
        assertThat(r.methodKey()).isNull();
        assertThat(ops.selection()).isEqualTo("com.acme.Pricing[*];com.acme.Other[a,b]");
        assertThat(OperateFiles.readObject(home.resolve("selection.json")).orElseThrow())
                .containsEntry("changed_by", "cli:ann");
    }

    @Test
    void theJournalKeepsTheNewestEntries() throws Exception {
        ChangeJournal journal = new ChangeJournal(home.resolve("changes"), 20);
        String first = null;
        for (int i = 0; i < 25; i++) {
            String id = journal.append(NOW.plusMillis(i), "cli:ann", "params", QUOTE.value(), "s" + i, Map.of()).id();
            first = first == null ? id : first;
        }
        List<String> ids = journal.ids();
        assertThat(ids).hasSize(20);
        assertThat(ids).doesNotContain(first);
        assertThat(journal.read(ids.get(ids.size() - 1)).orElseThrow().summary()).isEqualTo("s24");
    }
}
