package dev.poet.core.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredRecordedInputsTest {

    private static final String M = "com.acme.Pricing~quote~ab12";
    private static final String SECRET = "customer-4711-card-secret";
    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[16];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (i * 7 + 1);
        }
        for (int i = 0; i < OTHER_KEY.length; i++) {
            OTHER_KEY[i] = (byte) (i * 3 + 2);
        }
    }

    @TempDir
    Path dir;

    private static RecordedExecution exec(int n, String args) {
        return new RecordedExecution(M, "run000000001-" + n, 1_000 + n, args, "{\"price\":" + n + "}", "success");
    }

    @Test
    void boundedPerMethodInCountOldestFirstAndKeptAcrossARestart() throws IOException {
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 5, 1 << 20, Optional.empty())) {
            for (int i = 0; i < 12; i++) {
                inputs.add(exec(i, "[" + i + "]"));
            }
            inputs.add(new RecordedExecution("com.acme.Other~m~00", "run000000001-99", 5, "[]", null, "failure"));
            assertThat(inputs.recent(M, 100)).extracting(RecordedExecution::executionId)
                    .containsExactly("run000000001-7", "run000000001-8", "run000000001-9", "run000000001-10",
                            "run000000001-11");
        }
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 5, 1 << 20, Optional.empty())) {
            assertThat(inputs.recent(M, 2)).extracting(RecordedExecution::executionId)
                    .containsExactly("run000000001-10", "run000000001-11");
            assertThat(inputs.get(M, "run000000001-3")).isEmpty();
            assertThat(inputs.get(M, "run000000001-9")).contains(exec(9, "[9]"));
            assertThat(inputs.get("com.acme.Other~m~00", "run000000001-99").orElseThrow().result()).isNull();
            assertThat(inputs.usage(M)[0]).isEqualTo(5);
        }
    }

    @Test
    void boundedPerMethodInBytes() throws IOException {
        String big = "\"" + "x".repeat(1000) + "\"";
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 500, 4000, Optional.empty())) {
            for (int i = 0; i < 10; i++) {
                inputs.add(exec(i, "[" + big + "]"));
            }
            List<RecordedExecution> kept = inputs.recent(M, 500);
            assertThat(kept).hasSizeBetween(2, 3);
            assertThat(kept.get(kept.size() - 1).executionId()).isEqualTo("run000000001-9");
            assertThat(inputs.usage(M)[1]).isLessThanOrEqualTo(4000);
            // One record larger than the whole budget is not kept.
            inputs.add(exec(50, "[\"" + "y".repeat(5000) + "\"]"));
            assertThat(inputs.get(M, "run000000001-50")).isEmpty();
        }
    }

    @Test
    void withAKeyTheDataIsNotOnDiskInPlainAndOnlyTheRightKeyReadsIt() throws IOException {
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 50, 1 << 20, Optional.of(KEY))) {
            for (int i = 0; i < 20; i++) {
                inputs.add(exec(i, "[\"" + SECRET + "\"," + i + "]"));
            }
        }
        assertThat(filesContain(SECRET)).isFalse();

        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 50, 1 << 20, Optional.of(KEY))) {
            assertThat(inputs.get(M, "run000000001-4").orElseThrow().arguments()).contains(SECRET);
        }
        assertThatThrownBy(() -> StoredRecordedInputs.open(dir, 50, 1 << 20, Optional.of(OTHER_KEY)))
                .isInstanceOf(RecordKeyMismatchException.class)
                .hasMessageContaining("another key").hasMessageContaining("poet.record.key");
        assertThatThrownBy(() -> StoredRecordedInputs.open(dir, 50, 1 << 20, Optional.empty()))
                .isInstanceOf(RecordKeyMismatchException.class)
                .hasMessageContaining("encrypted").hasMessageContaining("poet.record.key is not set");
        // The store is still intact for the right key after the refused opens.
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 50, 1 << 20, Optional.of(KEY))) {
            assertThat(inputs.recent(M, 100)).hasSize(20);
        }
    }

    @Test
    void withoutAKeyTheDataIsStoredAsIsAndAKeyGivenLaterRemovesThePlainCopy() throws IOException {
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 50, 1 << 20, Optional.empty())) {
            inputs.add(exec(1, "[\"" + SECRET + "\"]"));
        }
        assertThat(filesContain(SECRET)).isTrue();
        try (StoredRecordedInputs inputs = StoredRecordedInputs.open(dir, 50, 1 << 20, Optional.of(KEY))) {
            assertThat(inputs.recent(M, 10)).isEmpty();
            inputs.add(exec(2, "[\"" + SECRET + "\"]"));
        }
        assertThat(filesContain(SECRET)).isFalse();
    }

    @Test
    void aRecordMovedToAnotherExecutionFailsToOpen() {
        RecordCipher cipher = new RecordCipher(KEY);
        byte[] sealed = cipher.seal("args".getBytes(StandardCharsets.UTF_8), M + "\0run000000001-1");
        assertThatThrownBy(() -> cipher.open(sealed, M + "\0run000000001-2", "here"))
                .isInstanceOf(RecordKeyMismatchException.class);
    }

    @Test
    void theConfiguredKeyIsParsedAndABadOneNamedButNeverPrinted() {
        assertThat(RecordKey.parse(null)).isEmpty();
        assertThat(RecordKey.parse("  ")).isEmpty();
        assertThat(RecordKey.parse(Base64.getEncoder().encodeToString(KEY))).get().isEqualTo(KEY);
        String shortKey = Base64.getEncoder().encodeToString(new byte[10]);
        assertThatThrownBy(() -> RecordKey.parse(shortKey)).isInstanceOf(RecordKey.InvalidRecordKeyException.class)
                .hasMessageContaining("poet.record.key").hasMessageContaining("10 bytes")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> RecordKey.parse("not*base64!secret")).hasMessageContaining("poet.record.key")
                .hasMessageContaining("not valid base64").hasMessageNotContaining("secret");
    }

    private boolean filesContain(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] all = Files.readAllBytes(p);
                outer:
                for (int i = 0; i + needle.length <= all.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (all[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }
}
