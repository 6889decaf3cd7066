package dev.poet.agent.advice;

import java.util.function.ToIntFunction;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;

/**
 * Resolves {@link MethodId} to an int constant: the instrumented method's slot, registered at transformation
 * time. A method that gets no slot ({@code -1}, all taken) reads an out-of-range index, which the advice never
 * does because such methods are not instrumented (see {@code PoetTransformer}).
 */
public final class MethodIdMapping implements Advice.OffsetMapping {

    private final ToIntFunction<MethodDescription> ids;

    public MethodIdMapping(ToIntFunction<MethodDescription> ids) {
        this.ids = ids;
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod, Assigner assigner,
                          Advice.ArgumentHandler argumentHandler, Sort sort) {
        return new Target.ForStackManipulation(IntegerConstant.forValue(ids.applyAsInt(instrumentedMethod)));
    }
}
