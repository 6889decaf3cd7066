package dev.poet.agent.install;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;

import com.example.plan.Planned;
import dev.poet.core.engine.MethodRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transformer plans (selects and registers) and then weaves: the ids woven in are the registered ones. The
 * classes live outside the agent's own packages, which the transformer never touches.
 */
class PoetTransformerTest {

    private static final ClassLoader LOADER = PoetTransformerTest.class.getClassLoader();

    private static byte[] classFile(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    private static PoetTransformer transformer(MethodRegistry registry) {
        return new PoetTransformer(Selection.NONE, registry, new BridgeVisibility(), new BridgeReadEdge(null));
    }

    private static byte[] transform(PoetTransformer transformer, Class<?> type) throws Exception {
        return transformer.transform(LOADER, type.getName().replace('.', '/'), null, null, classFile(type));
    }

    private static boolean hooked(MethodNode method) {
        for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() >= 0) {
                return insn.getOpcode() == Opcodes.GETSTATIC;
            }
        }
        return false;
    }

    @Test
    void registersTheSelectedMethodsInDeclarationOrderAndWeavesTheirIds() throws Exception {
        MethodRegistry registry = new MethodRegistry();

        byte[] woven = transform(transformer(registry), Planned.class);

        assertThat(woven).isNotNull();
        assertThat(registry.size()).isEqualTo(2);
        MethodRegistry.Registered first = registry.byId(0);
        MethodRegistry.Registered second = registry.byId(1);
        assertThat(first.spec().methodName()).isEqualTo("first");
        assertThat(second.spec().methodName()).isEqualTo("second");
        assertThat(first.loader()).isSameAs(LOADER);
        assertThat(EntryHookWeaverTest.hookSlot(EntryHookWeaverTest.method(woven, "first"))).isEqualTo(first.id());
        assertThat(EntryHookWeaverTest.hookSlot(EntryHookWeaverTest.method(woven, "second"))).isEqualTo(second.id());
        assertThat(hooked(EntryHookWeaverTest.method(woven, "notSelected"))).isFalse();
    }

    @Test
    void retransformationKeepsTheIds() throws Exception {
        MethodRegistry registry = new MethodRegistry();
        PoetTransformer transformer = transformer(registry);

        transform(transformer, Planned.class);
        byte[] again = transform(transformer, Planned.class);

        assertThat(registry.size()).isEqualTo(2);
        assertThat(EntryHookWeaverTest.hookSlot(EntryHookWeaverTest.method(again, "first"))).isEqualTo(0);
        assertThat(EntryHookWeaverTest.hookSlot(EntryHookWeaverTest.method(again, "second"))).isEqualTo(1);
    }

    @Test
    void aClassWithNothingSelectedIsLeftAloneAndRegistersNothing() throws Exception {
        MethodRegistry registry = new MethodRegistry();

        assertThat(transform(transformer(registry), Planned.NothingSelected.class)).isNull();
        assertThat(registry.size()).isZero();
    }

    @Test
    void aRetransformationUnderANewSelectionDeselectsWhatItNoLongerRoutesAndKeepsPoetMethods() throws Exception {
        dev.poet.bridge.SlotTable slots = new dev.poet.bridge.SlotTable();
        MethodRegistry registry = new MethodRegistry(slots);
        LiveSelection selection = new LiveSelection(java.util.List.of(), null);
        PoetTransformer transformer = new PoetTransformer(selection, registry, new BridgeVisibility(),
                new BridgeReadEdge(null));
        String internal = Planned.class.getName().replace('.', '/');

        assertThat(selection.apply("com.example.plan.*[not*]", "test").applied()).isTrue();
        byte[] woven = transformer.transform(LOADER, internal, null, null, classFile(Planned.class));
        int notSelected = EntryHookWeaverTest.hookSlot(EntryHookWeaverTest.method(woven, "notSelected"));
        assertThat(registry.byId(notSelected).spec().methodName()).isEqualTo("notSelected");

        assertThat(selection.apply("com.example.other..*[*]", "test").applied()).isTrue();
        byte[] without = transformer.transform(LOADER, internal, Planned.class, null, classFile(Planned.class));
        assertThat(hooked(EntryHookWeaverTest.method(without, "notSelected"))).isFalse();
        assertThat(hooked(EntryHookWeaverTest.method(without, "first"))).isTrue();
        assertThat(slots.state(notSelected)).isEqualTo(dev.poet.bridge.SlotTable.State.DESELECTED);
        assertThat(slots.content(notSelected)).isNull();
        assertThat(slots.state(registry.registeredIn(LOADER, Planned.class.getName()).get(0).id()))
                .isEqualTo(dev.poet.bridge.SlotTable.State.UNDISCOVERED);

        assertThat(selection.apply("com.example.plan.Planned[notSelected]", "test").applied()).isTrue();
        byte[] again = transformer.transform(LOADER, internal, Planned.class, null, classFile(Planned.class));
        assertThat(EntryHookWeaverTest.hookSlot(EntryHookWeaverTest.method(again, "notSelected")))
                .isEqualTo(notSelected);
        assertThat(slots.state(notSelected)).isEqualTo(dev.poet.bridge.SlotTable.State.UNDISCOVERED);
        assertThat(registry.size()).isEqualTo(3);
    }

    @Test
    void aSelectionThatDoesNotParseChangesNothing() {
        LiveSelection selection = new LiveSelection(java.util.List.of(), null);
        selection.apply("a.B[m]", "test");

        LiveSelection.Change change = selection.apply("a.B[m];broken[", "test");

        assertThat(change.applied()).isFalse();
        assertThat(change.problems()).singleElement().asString().contains("broken[");
        assertThat(selection.include()).isEqualTo("a.B[m]");
        assertThat(selection.selectsMethod("a.B", "m")).isTrue();
    }
}
