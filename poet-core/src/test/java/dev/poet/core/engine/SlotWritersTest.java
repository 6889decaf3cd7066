package dev.poet.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry hook's ABI keeps {@code Slots.SLOTS} a public array, so the Java language cannot stop the engine from
 * writing it; this test does. No class of the engine may even read the array: every slot change goes through
 * {@link dev.poet.bridge.SlotTable}, which keeps each slot's state and content in step.
 */
class SlotWritersTest {

    @Test
    void noEngineClassTouchesTheSlotArray() throws IOException, URISyntaxException {
        Path classes = Path.of(PoetEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> scanned = new ArrayList<>();
        List<String> touching = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassReader reader = new ClassReader(in);
                    scanned.add(reader.getClassName());
                    reader.accept(new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                         String[] exceptions) {
                            String where = reader.getClassName() + "." + name;
                            return new MethodVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                                    if (owner.equals("dev/poet/bridge/Slots") && field.equals("SLOTS")) {
                                        touching.add(where);
                                    }
                                }
                            };
                        }
                    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                }
            }
        }

        assertThat(scanned).as("the engine's own classes were scanned")
                .contains("dev/poet/core/engine/PoetEngine", "dev/poet/core/engine/MethodRegistry");
        assertThat(touching).isEmpty();
    }
}
