package dev.tuesday.lint;

import dev.tuesday.lint.output.Renderers;
import java.util.List;

/**
 * The outcome of linting: every finding in file order, the files read, and the severity at which
 * lint fails.
 *
 * @param findings the findings
 * @param files the files linted, in order
 * @param failOn the lowest severity that fails the run, or {@code null} for never
 */
public record LintReport(List<Finding> findings, List<String> files, Severity failOn) {

    /** Copies the lists. */
    public LintReport {
        findings = List.copyOf(findings);
        files = List.copyOf(files);
    }

    /** 1 when a finding at or above {@link #failOn()} is present, else 0. */
    public int exitCode() {
        if (failOn == null) {
            return 0;
        }
        return findings.stream().anyMatch(f -> f.severity().compareTo(failOn) >= 0) ? 1 : 0;
    }

    /** The findings of rule {@code rule}. */
    public List<Finding> of(String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /** The report as text in {@code format}. */
    public String render(Format format) {
        return Renderers.render(this, format);
    }
}
