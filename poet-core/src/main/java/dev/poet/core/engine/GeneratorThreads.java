package dev.poet.core.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads for generation; a call on one of them never waits for an activation (it would wait on itself). */
final class GeneratorThreads implements ThreadFactory {

    private final AtomicInteger count = new AtomicInteger();
    private final String prefix;

    GeneratorThreads() {
        this("poet-generator-");
    }

    /** @param prefix of the threads' names, to tell template generation from background LLM generation */
    GeneratorThreads(String prefix) {
        this.prefix = prefix;
    }

    static final class GeneratorThread extends Thread {
        GeneratorThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }

    static boolean isGeneratorThread() {
        return Thread.currentThread() instanceof GeneratorThread;
    }

    @Override
    public Thread newThread(Runnable task) {
        return new GeneratorThread(task, prefix + count.incrementAndGet());
    }
}
