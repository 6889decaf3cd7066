package dev.poet.core.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import dev.poet.core.http.HttpProblem;
import dev.poet.core.http.Request;
import dev.poet.core.http.Response;
import dev.poet.core.http.RouteHandler;
import dev.poet.core.http.Router;

/**
 * {@code GET /poet/metrics}: {@link PoetMetrics} written by the Prometheus client's own exposition writers, the
 * format chosen from {@code Accept} as the client's exporters choose it: OpenMetrics text for
 * {@code application/openmetrics-text}, else the Prometheus text format (0.0.4). The protobuf format is not
 * offered. The writers are set up from fixed exporter properties, so no {@code prometheus.properties} of the
 * application is read.
 */
public final class MetricsRoute implements RouteHandler {

    public static final String PATH = "/poet/metrics";

    private final PoetMetrics metrics;
    private final ExpositionFormats formats = ExpositionFormats.init(ExporterProperties.builder().build());

    public MetricsRoute(PoetMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Adds this route to {@code router}. */
    public Router addTo(Router router) {
        return router.add("GET", PATH, this);
    }

    @Override
    public Response handle(Request request) throws HttpProblem {
        String accept = request.header("Accept");
        ExpositionFormatWriter writer = formats.findWriter(accept);
        MetricSnapshots snapshots;
        try {
            snapshots = metrics.snapshots();
        } catch (RuntimeException e) {
            throw new HttpProblem(500, "metrics_unavailable", "the figures could not be read: " + e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, snapshots, EscapingScheme.fromAcceptHeader(accept));
        } catch (IOException | RuntimeException e) {
            throw new HttpProblem(500, "metrics_unavailable", "the figures could not be written: " + e);
        }
        return new Response(200, out.toByteArray(), Map.of("Content-Type", writer.getContentType()));
    }
}
