package dev.tuesday.balancer;

import java.util.List;
import java.util.Map;

/**
 * Renders the balancer's metrics in the Prometheus text exposition format (version 0.0.4).
 * Latency is a summary in seconds with quantiles 0.5, 0.9 and 0.99; its {@code _sum} is the
 * histogram's mean times its count, close to but not exactly the true sum.
 */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private PrometheusText() {
    }

    static String render(MetricsSnapshot metrics, List<BackendView> backends) {
        StringBuilder out = new StringBuilder(4096);
        header(out, "tuesday_balancer_client_requests_total", "counter", "Requests received from clients.");
        out.append("tuesday_balancer_client_requests_total ").append(metrics.clientRequests()).append('\n');
        header(out, "tuesday_balancer_client_failures_total", "counter",
                "Requests answered by the balancer itself with 502, 503 or 504, or cut off.");
        out.append("tuesday_balancer_client_failures_total ").append(metrics.clientFailures()).append('\n');
        header(out, "tuesday_balancer_retries_total", "counter", "Attempts sent to another backend after one failed.");
        out.append("tuesday_balancer_retries_total ").append(metrics.retries()).append('\n');

        header(out, "tuesday_balancer_backend_state", "gauge", "1 for the state the backend is in, 0 for the others.");
        for (BackendView backend : backends) {
            for (BackendState state : BackendState.values()) {
                out.append("tuesday_balancer_backend_state{").append(backendLabels(backend))
                        .append(",state=\"").append(state.label()).append("\"} ")
                        .append(backend.state() == state ? 1 : 0).append('\n');
            }
        }
        header(out, "tuesday_balancer_backend_weight", "gauge", "Configured weight of the backend.");
        for (BackendView backend : backends) {
            out.append("tuesday_balancer_backend_weight{").append(backendLabels(backend)).append("} ")
                    .append(backend.spec().weight()).append('\n');
        }
        header(out, "tuesday_balancer_backend_in_flight", "gauge", "Requests sent to the backend and not completed.");
        for (BackendView backend : backends) {
            out.append("tuesday_balancer_backend_in_flight{").append(backendLabels(backend)).append("} ")
                    .append(backend.inFlight()).append('\n');
        }
        traffic(out, "backend", backends.stream().map(b -> Map.entry(backendLabels(b), b.traffic())).toList());
        traffic(out, "version", metrics.byVersion().entrySet().stream()
                .map(e -> Map.entry("version=\"" + escape(e.getKey()) + "\"", e.getValue())).toList());
        return out.toString();
    }

    private static void traffic(StringBuilder out, String scope, List<Map.Entry<String, TrafficStats>> series) {
        String prefix = "tuesday_balancer_" + scope + "_";
        counter(out, prefix + "requests_total", "Requests sent, per " + scope + ".", series, TrafficStats::requests);
        counter(out, prefix + "responses_5xx_total", "Responses with a 5xx status, per " + scope + ".", series, TrafficStats::responses5xx);
        counter(out, prefix + "connection_failures_total", "Attempts that failed at the connection, per " + scope + ".",
                series, TrafficStats::connectionFailures);
        counter(out, prefix + "timeouts_total", "Attempts that timed out, per " + scope + ".", series, TrafficStats::timeouts);
        String latency = prefix + "latency_seconds";
        header(out, latency, "summary", "Latency of completed responses, per " + scope + ".");
        for (Map.Entry<String, TrafficStats> entry : series) {
            var histogram = entry.getValue().latencyMicros();
            long count = histogram.getTotalCount();
            for (double quantile : QUANTILES) {
                double seconds = count == 0 ? 0.0 : histogram.getValueAtPercentile(quantile * 100) / 1e6;
                out.append(latency).append('{').append(entry.getKey()).append(",quantile=\"").append(quantile).append("\"} ")
                        .append(seconds).append('\n');
            }
            double sum = count == 0 ? 0.0 : histogram.getMean() * count / 1e6;
            out.append(latency).append("_sum{").append(entry.getKey()).append("} ").append(sum).append('\n');
            out.append(latency).append("_count{").append(entry.getKey()).append("} ").append(count).append('\n');
        }
    }

    private static void counter(StringBuilder out, String name, String help, List<Map.Entry<String, TrafficStats>> series,
                                java.util.function.ToLongFunction<TrafficStats> value) {
        header(out, name, "counter", help);
        for (Map.Entry<String, TrafficStats> entry : series) {
            out.append(name).append('{').append(entry.getKey()).append("} ").append(value.applyAsLong(entry.getValue())).append('\n');
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String backendLabels(BackendView backend) {
        return "backend=\"" + escape(backend.id()) + "\",version=\"" + escape(backend.spec().version()) + "\"";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
