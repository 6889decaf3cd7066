package dev.poet.agent.boot;

public final class PoetAgent {
    public static void premain(String args, java.lang.instrument.Instrumentation inst) {
    }
}
