import dev.tuesday.drill.Drill;
import dev.tuesday.drill.DrillResult;
import dev.tuesday.drill.NamedRun;
import dev.tuesday.drill.SpanMark;
import dev.tuesday.drill.Report;
import dev.tuesday.drill.RunningDrill;
import dev.tuesday.drill.SummaryJson;
import dev.tuesday.drill.VerdictText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a sample drill report: two 8 s drills at 100 requests/s against a local Jetty service
 * with phases marked; in the second one the service fails and stalls during "roll".
 * Usage: java SampleReport.java REPORT.html [SUMMARY.json]
 */
public class SampleReport {

    static volatile boolean failing;

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (failing) {
                    Thread.sleep(300);
                    response.setStatus(503);
                } else {
                    response.setStatus(200);
                }
                callback.succeeded();
                return true;
            }
        });
        server.start();
        String target = "http://127.0.0.1:" + connector.getLocalPort() + "/";
        List<NamedRun> runs = List.of(new NamedRun("tuesday", run(target, false)), new NamedRun("naive", run(target, true)));
        Report.write(Path.of(args[0]), runs);
        if (args.length > 1) {
            SummaryJson.write(Path.of(args[1]), runs);
        }
        System.out.print(VerdictText.table(runs));
        server.stop();
        System.exit(0);
    }

    static DrillResult run(String target, boolean broken) throws Exception {
        RunningDrill drill = Drill.configure().target(target).rate(100).duration(Duration.ofSeconds(8)).build().start();
        try (SpanMark expand = drill.beginSpan("expand")) {
            Thread.sleep(2000);
        }
        try (SpanMark roll = drill.beginSpan("roll")) {
            failing = broken;
            Thread.sleep(3000);
            failing = false;
        }
        try (SpanMark contract = drill.beginSpan("contract")) {
            Thread.sleep(1500);
        }
        return drill.await();
    }
}
