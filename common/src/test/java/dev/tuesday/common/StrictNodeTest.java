package dev.tuesday.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrictNodeTest {

    private static StrictNode root(String yaml) {
        return StrictNode.root(StrictYaml.parse(yaml), "fields such as backends", StrictYamlException::new);
    }

    @Test
    void rejectsAFieldNobodyAskedForNamingTheClosestAskedOne() {
        StrictNode health = root("health:\n  interval: 1s\n  rise: 2\n  fal: 3\n").requiredObject("health");
        health.duration("interval");
        health.integer("rise");
        health.integer("fall");

        assertThatThrownBy(health::rejectUnknown).isInstanceOf(StrictYamlException.class)
                .hasMessage("health.fal: unknown field (did you mean \"fall\"?) (known here: fall, interval, rise)");
    }

    @Test
    void namesTheItemOfAListThatHasTheWrongShape() {
        StrictNode root = root("backends:\n  - url: http://a\n  - http://b\ncommand: [java, {jar: x}]\n");

        assertThatThrownBy(() -> root.objects("backends")).hasMessage("backends[1]: must be a mapping");
        assertThatThrownBy(() -> root.strings("command")).hasMessage("command[1]: must be text");
    }

    @Test
    void handsOutChildrenAndItemsOfAnyShapeWithTheirPaths() {
        StrictNode top = StrictNode.top(StrictYaml.parse("operations:\n  - add_column: {default: null}\n"),
                StrictYamlException::new);
        List<StrictNode> operations = top.child("operations").orElseThrow().elements();
        StrictNode body = operations.get(0).child("add_column").orElseThrow();

        assertThat(top.path()).isEmpty();
        assertThat(body.path()).isEqualTo("operations[0].add_column");
        assertThat(body.child("default").orElseThrow().value().isNull()).isTrue();
        assertThat(body.child("type")).isEmpty();
        assertThat(body.elements()).isEmpty();
        assertThat(body.error("type", "is required")).hasMessage("operations[0].add_column.type: is required");
    }

    @Test
    void findsTheFirstUndeclaredFieldInFileOrder() {
        StrictNode column = StrictNode.top(StrictYaml.parse("name: a\nnulable: true\ntipe: int\n"), StrictYamlException::new);

        assertThat(column.fieldNames()).containsExactly("name", "nulable", "tipe");
        assertThat(column.fieldOutside(List.of("name", "type", "nullable"))).contains("nulable");
        assertThat(column.fieldOutside(List.of("name", "tipe", "nulable"))).isEmpty();
    }
}
