package dev.tuesday.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code tuesday drill}: options named in every error, the verdict printed, the exit code from the outcome. */
class DrillCliTest {

    private record Run(int code, String out, String err) {}

    private static Run drill(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] line = new String[args.length + 1];
        line[0] = "drill";
        System.arraycopy(args, 0, line, 1, args.length);
        int code = Tuesday.run(new PrintWriter(out, true), new PrintWriter(err, true), line);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aWrongValueIsOneLineNamingItsOptionAndExitTwo() {
        assertThat(drill("--target", "http://127.0.0.1:8080", "--rate", "-3").err().strip())
                .isEqualTo("tuesday drill: --rate: must be between 1 and 50000 requests per second, not -3");
        assertThat(drill("--target", "http://127.0.0.1:8080", "--workload", "post").err().strip())
                .isEqualTo("tuesday drill: --workload: must be get or users, not 'post'");
        Run remote = drill("--target", "http://example.org");
        assertThat(remote.code()).isEqualTo(2);
        assertThat(remote.err().strip()).startsWith("tuesday drill: --target: 'example.org' is not a loopback address")
                .endsWith("(--allow-remote)");
    }

    @Test
    void durationsAreReadInTuesdaysOneGrammar() {
        Run bare = drill("--target", "http://127.0.0.1:8080", "--duration", "45");
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("'45' has no unit: write 45s or 45ms");
        Run soon = drill("--target", "http://127.0.0.1:8080", "--timeout", "soon");
        assertThat(soon.code()).isEqualTo(2);
        assertThat(soon.err()).contains("'soon' is not a duration");
    }

    @Test
    void aDrillWhoseRequestsAreRefusedPrintsTheVerdictAndExitsOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = drill("--target", "http://127.0.0.1:" + port, "--rate", "20", "--duration", "1s");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("drill: get workload, 20 requests/s for 1s against http://127.0.0.1:" + port)
                .containsPattern("(?m)^failed +20$").containsPattern("(?m)^  refused +20$");
        assertThat(r.err()).isEmpty();
    }
}
