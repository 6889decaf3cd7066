package dev.poet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassBytesTest {

    static ClassBytes sample() {
        return ClassBytes.of(Map.of(
                "gen.Enhancement", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3},
                "gen.Enhancement$1", new byte[] {(byte) 0xCA, (byte) 0xFE, 9},
                "gen.Enhancement$Inner", new byte[0]));
    }

    @Test
    void roundTrip() throws Exception {
        ClassBytes cb = sample();
        byte[] data = cb.toByteArray();
        ClassBytes back = ClassBytes.fromByteArray(data, "mem");
        assertThat(back).isEqualTo(cb);
        assertThat(back.names()).containsExactly("gen.Enhancement", "gen.Enhancement$1", "gen.Enhancement$Inner");
        assertThat(back.get("gen.Enhancement$1")).hasValueSatisfying(b -> assertThat(b).containsExactly(0xCA, 0xFE, 9));
        assertThat(data).startsWith('P', 'C', 'B', '1');
        assertThat(ClassBytes.of(Map.of()).toByteArray()).hasSize(14);
    }

    @Test
    void everyKindOfCorruptionIsDetected() {
        byte[] good = sample().toByteArray();
        byte[] flipped = good.clone();
        flipped[20] ^= 0x10;
        assertThatThrownBy(() -> ClassBytes.fromByteArray(flipped, "f"))
                .isInstanceOf(CorruptStoreFileException.class).hasMessageContaining("f: checksum mismatch");
        assertThatThrownBy(() -> ClassBytes.fromByteArray(Arrays.copyOf(good, good.length - 3), "f"))
                .isInstanceOf(CorruptStoreFileException.class);
        assertThatThrownBy(() -> ClassBytes.fromByteArray(new byte[5], "f"))
                .isInstanceOf(CorruptStoreFileException.class).hasMessageContaining("truncated");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> ClassBytes.fromByteArray(magic, "f")).hasMessageContaining("bad magic");
        byte[] version = good.clone();
        version[5] = 9;
        assertThatThrownBy(() -> ClassBytes.fromByteArray(version, "f")).hasMessageContaining("format version 9");
    }

    @Test
    void arraysAreCopied() {
        byte[] b = {1, 2};
        ClassBytes cb = ClassBytes.of(Map.of("X", b));
        b[0] = 7;
        assertThat(cb.get("X").orElseThrow()).containsExactly(1, 2);
        cb.get("X").orElseThrow()[0] = 9;
        assertThat(cb.get("X").orElseThrow()).containsExactly(1, 2);
    }
}
