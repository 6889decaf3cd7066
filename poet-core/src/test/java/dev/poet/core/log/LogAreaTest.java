package dev.poet.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogAreaTest {

    @Test
    void loggersBelongToTheAreaOfTheirPackageRelocatedOrNot() {
        assertThat(LogArea.of("dev.poet.core.store.VersionStore")).isEqualTo(LogArea.STORE);
        assertThat(LogArea.of("dev.poet.shaded.core.store.VersionStore")).isEqualTo(LogArea.STORE);
        assertThat(LogArea.of("dev.poet.core.audit.BytecodeAuditor")).isEqualTo(LogArea.AUDIT);
        assertThat(LogArea.of("dev.poet.core.compile.JaninoCompiler")).isEqualTo(LogArea.COMPILE);
        assertThat(LogArea.of("dev.poet.core.verify.Verifier")).isEqualTo(LogArea.VERIFY);
        assertThat(LogArea.of("dev.poet.core.engine.PoetEngine")).isEqualTo(LogArea.ENGINE);
        assertThat(LogArea.of("dev.poet.core.budget.LoopBudgetInjector")).isEqualTo(LogArea.ENGINE);
        assertThat(LogArea.of("dev.poet.core.config.ConfigLoader")).isEqualTo(LogArea.AGENT);
        assertThat(LogArea.of("dev.poet.agent.install.AgentInstaller")).isEqualTo(LogArea.AGENT);
        assertThat(LogArea.of("dev.poet.shaded.llm.LlmGenerators")).isEqualTo(LogArea.LLM);
        assertThat(LogArea.of("poet.llm")).isEqualTo(LogArea.LLM);
        assertThat(LogArea.of("org.apache.kafka.clients.NetworkClient")).isEqualTo(LogArea.OTHER);
        assertThat(LogArea.of("dev.poet.sample.InventoryService")).isEqualTo(LogArea.OTHER);
        assertThat(LogArea.of(null)).isEqualTo(LogArea.OTHER);
    }
}
