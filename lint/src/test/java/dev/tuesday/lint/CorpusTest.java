package dev.tuesday.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuesday.lint.output.Renderers;
import dev.tuesday.lint.rules.Rule;
import dev.tuesday.lint.rules.Rules;
import dev.tuesday.lint.sql.SqlScript;
import dev.tuesday.testsupport.TemporaryPostgres;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every case of the corpus gives exactly its expected findings; every rule has a case that fires
 * and a near miss that does not; the corpus holds at least 80 statements.
 */
class CorpusTest {

    /** Rules about how a file runs, which would fire on almost every case: on only where a case names them. */
    private static final Set<String> FILE_LEVEL = Set.of("missing-lock-timeout", "missing-statement-timeout");

    private static final Corpus CORPUS = Corpus.load();

    @RegisterExtension
    static final TemporaryPostgres postgres = new TemporaryPostgres();

    @TestFactory
    Stream<DynamicTest> eachCaseGivesExactlyItsExpectedFindings() {
        return CORPUS.cases().stream().map(c -> DynamicTest.dynamicTest(c.file() + ":" + c.line() + " " + c.title(), () -> {
            LintReport report = lint(c);
            Set<String> found = new LinkedHashSet<>();
            report.findings().forEach(f -> found.add(f.rule()));
            assertThat(found).as("%s:%d %s%n%s", c.file(), c.line(), c.title(), Renderers.render(report, Format.HUMAN))
                    .containsExactlyInAnyOrderElementsOf(c.expected());
            for (String near : c.nearMisses()) {
                assertThat(found).as("near miss of %s", near).doesNotContain(near);
            }
        }));
    }

    static LintReport lint(Corpus.Case c) {
        LintConfig config = LintConfig.defaults().targeting(c.postgres());
        for (String rule : FILE_LEVEL) {
            if (!c.expected().contains(rule) && !c.nearMisses().contains(rule)) {
                config = config.without(rule);
            }
        }
        for (String change : c.config()) {
            String id = change.strip().substring(1);
            config = change.strip().startsWith("+") ? config.with(id) : config.without(id);
        }
        Linter linter = Linter.configure().config(config).measure(c.measured()).server(c.measured() ? postgres.server() : null)
                .startingSchema(StartingSchema.ofSql(c.setup())).build();
        return linter.lintText(c.file(), c.sql());
    }

    @Test
    void everyRuleHasACaseThatFiresAndANearMissThatDoesNot() {
        List<String> missing = new ArrayList<>();
        for (Rule r : Rules.all()) {
            if (r.id().equals(Rules.REPLAY_FAILED)) {
                continue; // needs a statement the scratch database rejects: see MeasuredFactsTest
            }
            boolean fires = CORPUS.cases().stream().anyMatch(c -> c.expected().contains(r.id()));
            boolean near = CORPUS.cases().stream().anyMatch(c -> c.nearMisses().contains(r.id()));
            if (!fires) {
                missing.add(r.id() + " (no case that fires)");
            }
            if (!near && !r.id().equals(Rules.IGNORE_WITHOUT_REASON)) {
                missing.add(r.id() + " (no near miss)");
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theCorpusHoldsAtLeastEightyStatements() {
        int statements = 0;
        for (Corpus.Case c : CORPUS.cases()) {
            try {
                statements += SqlScript.parse(c.file(), c.sql(), false).statements().size();
            } catch (RuntimeException e) {
                statements++; // a case of unreadable SQL is one statement
            }
        }
        assertThat(statements).isGreaterThanOrEqualTo(80);
    }
}
