package dev.tuesday.drill;

import java.time.Duration;
import java.util.List;

/**
 * Draws one run's timeline as inline SVG: an upper panel with requests sent and answered per
 * second and failures per second as red bars, a lower panel with the p99 latency, and the
 * caller's phases shaded across both. Several runs drawn with the same {@code seconds} share one
 * time axis, so they can be compared by eye.
 *
 * <p>Plain SVG, no script: it cannot fail in a browser, and it prints.
 */
final class TimelineChart {

    static final String SENT_COLOR = "#8b949e";
    static final String ANSWERED_COLOR = "#1f6feb";
    static final String FAILED_COLOR = "#d1242f";
    static final String P99_COLOR = "#8250df";
    private static final String[] PHASE_COLORS = {"#ddf4ff", "#fff8c5", "#fbefff", "#dafbe1", "#ffebe9"};

    private static final int WIDTH = 960;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP_PANEL_Y = 28;
    private static final int TOP_PANEL_H = 170;
    private static final int BOTTOM_PANEL_Y = TOP_PANEL_Y + TOP_PANEL_H + 34;
    private static final int BOTTOM_PANEL_H = 90;
    private static final int HEIGHT = BOTTOM_PANEL_Y + BOTTOM_PANEL_H + 30;
    private static final int TOOLTIP_LIMIT = 900;

    private final DrillResult run;
    private final long seconds;
    private final StringBuilder svg = new StringBuilder(16_384);

    private TimelineChart(DrillResult run, long seconds) {
        this.run = run;
        this.seconds = Math.max(1, seconds);
    }

    /** The SVG element for {@code run} over a time axis of {@code seconds} seconds. */
    static String svg(String id, DrillResult run, long seconds) {
        return new TimelineChart(run, seconds).draw(id);
    }

    private String draw(String id) {
        List<Second> timeline = run.timeline();
        double requestsMax = niceCeiling(timeline.stream()
                .mapToLong(s -> Math.max(Math.max(s.sent(), s.answered()), s.failedTotal())).max().orElse(1));
        double p99Max = niceCeiling(timeline.stream().mapToDouble(s -> Millis.of(s.p99())).max().orElse(1));
        svg.append("<svg class=\"timeline\" id=\"").append(id).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"").append(id).append("-title\">Requests per second, failures and p99 latency over time</title>")
                .append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" fill=\"#ffffff\"/>");
        spans();
        panel(TOP_PANEL_Y, TOP_PANEL_H, requestsMax, "");
        panel(BOTTOM_PANEL_Y, BOTTOM_PANEL_H, p99Max, " ms");
        legend();
        failureBars(requestsMax);
        // Sent and p99 belong to the scheduled seconds; after the schedule only answers arrive.
        List<Second> scheduled = timeline.stream().limit(scheduledSeconds()).toList();
        line(scheduled, TOP_PANEL_Y, TOP_PANEL_H, requestsMax, SENT_COLOR, "4 3", s -> s.sent(), "sent");
        line(timeline, TOP_PANEL_Y, TOP_PANEL_H, requestsMax, ANSWERED_COLOR, null, s -> s.answered(), "answered");
        line(scheduled, BOTTOM_PANEL_Y, BOTTOM_PANEL_H, p99Max, P99_COLOR, null, s -> Millis.of(s.p99()), "p99");
        timeAxis();
        if (timeline.size() <= TOOLTIP_LIMIT) {
            tooltips(timeline);
        }
        return svg.append("</svg>").toString();
    }

    private void spans() {
        List<Span> spans = run.spans();
        for (int i = 0; i < spans.size(); i++) {
            Span p = spans.get(i);
            double from = x(seconds(p.start()));
            double to = Math.max(from + 2, x(seconds(p.end())));
            String color = PHASE_COLORS[i % PHASE_COLORS.length];
            svg.append("<g class=\"phase\"><rect x=\"").append(HtmlText.num(from)).append("\" y=\"").append(TOP_PANEL_Y - 16)
                    .append("\" width=\"").append(HtmlText.num(to - from)).append("\" height=\"")
                    .append(BOTTOM_PANEL_Y + BOTTOM_PANEL_H - TOP_PANEL_Y + 16).append("\" fill=\"").append(color)
                    .append("\" stroke=\"#afb8c1\" stroke-width=\"0.5\"><title>").append(HtmlText.escape(p.name())).append(": ")
                    .append(HtmlText.num(seconds(p.start()))).append(" s to ").append(HtmlText.num(seconds(p.end())))
                    .append(" s</title></rect><text x=\"").append(HtmlText.num(from + 3)).append("\" y=\"")
                    .append(TOP_PANEL_Y - 5).append("\" class=\"phase-label\">").append(HtmlText.escape(p.name()))
                    .append("</text></g>");
        }
    }

    private void panel(int y, int h, double max, String unit) {
        svg.append("<g class=\"axis\">");
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double ty = y + h - h * i / 4.0;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(HtmlText.num(ty)).append("\" y2=\"").append(HtmlText.num(ty))
                    .append("\" stroke=\"").append(i == 0 ? "#57606a" : "#d0d7de").append("\" stroke-width=\"")
                    .append(i == 0 ? "1" : "0.5").append("\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(HtmlText.num(ty + 4))
                    .append("\" text-anchor=\"end\">").append(tick(value)).append(unit).append("</text>");
        }
        svg.append("</g>");
    }

    private void legend() {
        int y = TOP_PANEL_Y + TOP_PANEL_H + 22;
        int x = LEFT;
        String[][] entries = {{SENT_COLOR, "sent/s"}, {ANSWERED_COLOR, "answered/s"}, {FAILED_COLOR, "failed/s"},
                {P99_COLOR, "p99 latency (lower panel)"}};
        svg.append("<g class=\"legend\">");
        for (String[] e : entries) {
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"14\" height=\"10\" fill=\"")
                    .append(e[0]).append("\"/><text x=\"").append(x + 19).append("\" y=\"").append(y).append("\">")
                    .append(e[1]).append("</text>");
            x += 40 + e[1].length() * 7;
        }
        svg.append("</g>");
    }

    private void failureBars(double max) {
        double barWidth = Math.max(1, (WIDTH - LEFT - RIGHT) / (double) seconds - 1);
        svg.append("<g class=\"failures\" fill=\"").append(FAILED_COLOR).append("\">");
        for (Second s : run.timeline()) {
            long failed = s.failedTotal();
            if (failed > 0) {
                double h = Math.max(2, TOP_PANEL_H * failed / max);
                svg.append("<rect x=\"").append(HtmlText.num(x(s.offset()))).append("\" y=\"")
                        .append(HtmlText.num(TOP_PANEL_Y + TOP_PANEL_H - h)).append("\" width=\"")
                        .append(HtmlText.num(barWidth)).append("\" height=\"").append(HtmlText.num(h)).append("\"/>");
            }
        }
        svg.append("</g>");
    }

    private void line(List<Second> timeline, int y, int h, double max, String color, String dash,
                      java.util.function.ToDoubleFunction<Second> value, String name) {
        if (timeline.isEmpty()) {
            return;
        }
        svg.append("<polyline class=\"series-").append(name).append("\" fill=\"none\" stroke=\"").append(color)
                .append("\" stroke-width=\"2\" stroke-linejoin=\"round\"");
        if (dash != null) {
            svg.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        svg.append(" points=\"");
        for (Second s : timeline) {
            double px = x(s.offset() + 0.5);
            double py = y + h - h * Math.min(value.applyAsDouble(s), max) / max;
            svg.append(HtmlText.num(px)).append(',').append(HtmlText.num(py)).append(' ');
        }
        svg.append("\"/>");
    }

    private void timeAxis() {
        long step = niceStep(seconds);
        int y = BOTTOM_PANEL_Y + BOTTOM_PANEL_H;
        svg.append("<g class=\"axis\">");
        for (long t = 0; t <= seconds; t += step) {
            svg.append("<text x=\"").append(HtmlText.num(x(t))).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"middle\">").append(t).append(" s</text>");
        }
        svg.append("</g>");
    }

    private void tooltips(List<Second> timeline) {
        double w = (WIDTH - LEFT - RIGHT) / (double) seconds;
        svg.append("<g class=\"hover\" fill=\"transparent\">");
        for (Second s : timeline) {
            svg.append("<rect x=\"").append(HtmlText.num(x(s.offset()))).append("\" y=\"").append(TOP_PANEL_Y)
                    .append("\" width=\"").append(HtmlText.num(w)).append("\" height=\"")
                    .append(BOTTOM_PANEL_Y + BOTTOM_PANEL_H - TOP_PANEL_Y).append("\"><title>")
                    .append(s.offset()).append(" s: sent ").append(s.sent()).append(", answered ").append(s.answered())
                    .append(", failed ").append(s.failedTotal()).append(", p99 ").append(HtmlText.escape(Millis.format(s.p99())))
                    .append("</title></rect>");
        }
        svg.append("</g>");
    }

    private long scheduledSeconds() {
        long millis = run.duration().toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private double seconds(java.time.Instant at) {
        return Duration.between(run.started(), at).toMillis() / 1000.0;
    }

    private double x(double second) {
        double clamped = Math.max(0, Math.min(second, seconds));
        return LEFT + (WIDTH - LEFT - RIGHT) * clamped / seconds;
    }

    /**
     * The top of an axis with four gridlines at round values: four times the smallest of
     * 1, 2, 2.5, 5 × 10^k that is at least a quarter of {@code v}.
     */
    static double niceCeiling(double v) {
        double quarter = Math.max(v, 1e-3) / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(quarter)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * magnitude >= quarter) {
                return 4 * f * magnitude;
            }
        }
        return 40 * magnitude;
    }

    private static long niceStep(long seconds) {
        for (long step : new long[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (seconds / step <= 12) {
                return step;
            }
        }
        return 7200;
    }

    private static String tick(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
