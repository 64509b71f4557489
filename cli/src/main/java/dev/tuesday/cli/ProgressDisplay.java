package dev.tuesday.cli;

import dev.tuesday.migrate.BackfillCount;
import dev.tuesday.migrate.MigrationEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Prints the migrator's progress: each line as it comes, and a backfill's counts as a bar with
 * percent, rows/s and time left on a terminal; elsewhere (a log, CI) as a plain line every
 * {@link #PLAIN_EVERY}, with the same figures.
 */
final class ProgressDisplay implements Consumer<MigrationEvent>, AutoCloseable {

    static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final boolean terminal;
    private ProgressBar bar;
    private String table;
    private Instant lastPlain;

    ProgressDisplay(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void accept(MigrationEvent event) {
        BackfillCount count = event.backfill();
        if (count == null) {
            close();
            out.println(event);
            out.flush();
            return;
        }
        if (!count.table().equals(table)) {
            close();
            table = count.table();
            lastPlain = null;
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName("backfill " + count.table())
                        .setInitialMax(count.estimatedRows() > 0 ? count.estimatedRows() : -1)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed().continuousUpdate()
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
            }
        }
        if (bar != null) {
            if (count.rows() > bar.getMax() && bar.getMax() > 0) {
                // The estimate was low: the bar grows instead of passing 100 %.
                bar.maxHint(count.rows());
            }
            bar.stepTo(count.rows());
        } else if (lastPlain == null || !Duration.between(lastPlain, event.time()).minus(PLAIN_EVERY).isNegative()) {
            lastPlain = event.time();
            out.println(event.migration() + ": " + line(count));
            out.flush();
        }
    }

    /** {@code backfill "users": 40000 of ~100000 rows (40 %), 12000 rows/s, about 5 s left}. */
    static String line(BackfillCount count) {
        StringBuilder s = new StringBuilder("backfill \"" + count.table() + "\": " + count.rows());
        double perSecond = count.rowsPerSecond();
        if (count.estimatedRows() > 0) {
            s.append(" of ~").append(count.estimatedRows()).append(" rows (")
                    .append(Math.min(100, count.rows() * 100 / count.estimatedRows())).append(" %)");
        } else {
            s.append(" rows");
        }
        s.append(", ").append(Math.round(perSecond)).append(" rows/s");
        if (count.estimatedRows() > count.rows() && perSecond > 0) {
            s.append(", about ").append(Math.round((count.estimatedRows() - count.rows()) / perSecond)).append(" s left");
        }
        return s.toString();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        table = null;
    }
}
