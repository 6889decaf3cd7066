package dev.poet.core.log.slf4j;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Our SLF4J binding, found by SLF4J's {@code ServiceLoader} lookup. In the agent jar both SLF4J and this class are
 * relocated under {@code dev.poet.shaded}, and so is the {@code META-INF/services} entry naming it: only our own
 * (relocated) SLF4J finds it, and the application's SLF4J never sees it. No MDC: the agent's lines carry what they
 * need in the message.
 */
public final class PoetServiceProvider implements SLF4JServiceProvider {

    /** The SLF4J API generation this binding is written against. */
    public static final String REQUESTED_API_VERSION = "2.0.99";

    private volatile ILoggerFactory loggerFactory;
    private volatile IMarkerFactory markerFactory;
    private volatile MDCAdapter mdcAdapter;

    /** Called by SLF4J's service lookup. */
    public PoetServiceProvider() {
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return REQUESTED_API_VERSION;
    }

    @Override
    public void initialize() {
        loggerFactory = new PoetLoggerFactory();
        markerFactory = new BasicMarkerFactory();
        mdcAdapter = new NOPMDCAdapter();
    }
}
