package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tuesday.common.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes base as {@code kubectl kustomize} renders it keeps the rules of a release with no
 * user noticing: probes on the right paths (liveness never on the database), a grace period that
 * covers the preStop sleep and the drain, no pod out of rotation during the roll, and the
 * migration Jobs ordered around the rollout. No cluster is involved.
 */
class KubernetesManifestsTest {

    private static final List<JsonNode> RENDERED = new ArrayList<>();

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        Path base = Path.of("").toAbsolutePath().getParent().resolve("deploy/kubernetes/base");
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", base.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("kubectl is not installed: the Kubernetes base is not rendered here");
            return;
        }
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as(yaml).isZero();
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        try (var docs = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                RENDERED.add((JsonNode) docs.next());
            }
        }
    }

    private static JsonNode one(String kind, String name) {
        return RENDERED.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().startsWith(name)).findFirst().orElseThrow(
                        () -> new AssertionError(kind + " " + name + " is not rendered"));
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }

    @Test
    void probesAskWhatEachQuestionNeedsAndLivenessNeverTheDatabase() {
        JsonNode container = one("Deployment", "users").at("/spec/template/spec/containers/0");

        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/startupz");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/livez");
        // A liveness failure restarts the pod: it must be slower to give up than readiness.
        assertThat(container.at("/livenessProbe/periodSeconds").asInt() * container.at("/livenessProbe/failureThreshold").asInt())
                .isGreaterThan(container.at("/readinessProbe/periodSeconds").asInt()
                        * container.at("/readinessProbe/failureThreshold").asInt());
    }

    @Test
    void theGracePeriodCoversThePreStopSleepAndTheDrainWithAMargin() {
        JsonNode deployment = one("Deployment", "users");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        long preStop = container.at("/lifecycle/preStop/sleep/seconds").asLong();
        long drainTimeout = Durations.parse(env(container, "DRAIN_TIMEOUT")).toSeconds();
        long grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asLong();

        assertThat(preStop).isPositive().isEqualTo(Long.parseLong(env(container, "DRAIN_DELAY_SECONDS")));
        assertThat(Durations.parse(env(container, "DRAIN_DELAY")).isZero())
                .as("the preStop hook already waited before SIGTERM").isTrue();
        assertThat(grace).isGreaterThanOrEqualTo(preStop + drainTimeout + 5);
    }

    @Test
    void noPodLeavesRotationBeforeItsReplacementIsReady() {
        JsonNode deployment = one("Deployment", "users");
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        assertThat(deployment.at("/spec/strategy/rollingUpdate/maxSurge").asInt()).isPositive();
        JsonNode pdb = one("PodDisruptionBudget", "users");
        assertThat(pdb.at("/spec/selector/matchLabels")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
        // The release (its version schema) comes from the generated ConfigMap, whose name changes with it.
        String release = deployment.at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name").asText();
        assertThat(release).startsWith("users-release-");
        assertThat(one("ConfigMap", release).at("/data/TUESDAY_SCHEMA").asText()).startsWith("public_");
    }

    @Test
    void theStartJobRunsBeforeTheRolloutAndTheCompleteJobAfterIt() {
        JsonNode start = one("Job", "users-migrate-start");
        JsonNode complete = one("Job", "users-migrate-complete");

        assertThat(start.at("/metadata/annotations/helm.sh~1hook").asText()).isEqualTo("pre-install,pre-upgrade");
        assertThat(complete.at("/metadata/annotations/helm.sh~1hook").asText()).isEqualTo("post-install,post-upgrade");
        assertThat(start.at("/metadata/annotations/argocd.argoproj.io~1hook").asText()).isEqualTo("PreSync");
        assertThat(complete.at("/metadata/annotations/argocd.argoproj.io~1hook").asText()).isEqualTo("PostSync");
        assertThat(start.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asInt())
                .isLessThan(complete.at("/metadata/annotations/argocd.argoproj.io~1sync-wave").asInt());
        assertThat(start.at("/spec/template/spec/containers/0/args").toString()).contains("\"migrate\",\"start\"");
        assertThat(complete.at("/spec/template/spec/containers/0/args").toString()).contains("\"migrate\",\"complete\"");
        for (JsonNode job : List.of(start, complete)) {
            assertThat(job.at("/spec/template/spec/containers/0/args").toString()).doesNotContainIgnoringCase("password");
            assertThat(job.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
        }
    }
}
