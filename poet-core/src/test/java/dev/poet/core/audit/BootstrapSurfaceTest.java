package dev.poet.core.audit;

import static org.assertj.core.api.Assertions.assertThat;


import java.lang.reflect.Member;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Holds the audit's per-class table of POET types to the bootstrap classes it decides: a typo in a class or member
 * name would silently deny (or, in a deny entry, fail to deny) what it meant to name.
 */
class BootstrapSurfaceTest {

    @Test
    void everyListedTypeAndMemberExists() throws Exception {
        Set<String> missing = new HashSet<>();
        for (String internal : BootstrapSurface.typeNames()) {
            Class<?> type = Class.forName(internal.replace('/', '.'), false, getClass().getClassLoader());
            Set<String> names = memberNames(type);
            for (String member : BootstrapSurface.listedMembers(internal)) {
                if (!names.contains(member)) {
                    missing.add(internal + '.' + member);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void typesThatCarryParametersOrStateAllowOnlyTheirReaders() {
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/params/ParamsRef", "get",
                "()Ldev/poet/runtime/params/Params;")).isNull();
        assertThat(BootstrapSurface.memberReason("dev/poet/bridge/MethodContext", "paramsRef",
                "()Ldev/poet/runtime/params/ParamsRef;")).isNull();
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/budget/LoopBudget", "tick", "()V")).isNull();
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/params/ParamsRef", "compareAndSet",
                "(Ljava/lang/Object;Ljava/lang/Object;)Z")).contains("parameters");
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/budget/LoopBudget", "begin", "(J)J"))
                .contains("loop budget");
    }

    @Test
    void interfacesGeneratedCodeImplementsAreExtendableAndOthersAreNot() {
        assertThat(BootstrapSurface.supertypeReason("dev/poet/bridge/Enhancement")).isNull();
        assertThat(BootstrapSurface.supertypeReason("dev/poet/runtime/Attempt")).isNull();
        assertThat(BootstrapSurface.supertypeReason("dev/poet/runtime/validate/Rule")).isNull();
        assertThat(BootstrapSurface.supertypeReason("dev/poet/bridge/BridgeHooks")).contains("bridge internals");
        assertThat(BootstrapSurface.supertypeReason("dev/poet/runtime/retry/Retry")).contains("not designed");
    }

    @Test
    void theFacadeBridgeIsDeniedWhole() {
        for (String type : new String[] {"dev/poet/bridge/facade/FacadeBridge", "dev/poet/bridge/facade/FeedbackHandler"}) {
            assertThat(BootstrapSurface.typeReason(type)).contains("facade");
            assertThat(BootstrapSurface.supertypeReason(type)).contains("facade");
        }
        assertThat(BootstrapSurface.memberReason("dev/poet/bridge/facade/FacadeBridge", "submitFeedback",
                "(Ljava/lang/String;Ljava/lang/String;Ljava/util/Map;)[Ljava/lang/String;")).contains("facade");
        assertThat(BootstrapSurface.memberReason("dev/poet/bridge/facade/FacadeBridge", "currentExecutionId",
                "()Ljava/lang/String;")).contains("facade");
        assertThat(BootstrapSurface.memberReason("dev/poet/bridge/facade/FacadeBridge", "install",
                "(Ldev/poet/bridge/facade/FeedbackHandler;)V")).contains("facade");
    }

    @Test
    void generatedCodeMayReadTheCoarseClockButNotStartItsThread() {
        assertThat(BootstrapSurface.typeReason("dev/poet/runtime/time/CoarseClock")).isNull();
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/time/CoarseClock", "nanoTime", "()J")).isNull();
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/time/CoarseClock", "millis", "()J")).isNull();
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/time/CoarseClock", "start", "()V"))
                .contains("threads");
        assertThat(BootstrapSurface.memberReason("dev/poet/runtime/time/Clock", "COARSE",
                "Ldev/poet/runtime/time/Clock;")).isNull();
    }

    private static Set<String> memberNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        names.add("<init>");
        for (Member[] members : new Member[][] {type.getMethods(), type.getDeclaredMethods(), type.getFields(),
                type.getDeclaredFields()}) {
            for (Member m : members) {
                names.add(m.getName());
            }
        }
        return names;
    }

}
