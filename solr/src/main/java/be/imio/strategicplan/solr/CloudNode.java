package be.imio.strategicplan.solr;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.solr.embedded.JettySolrRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a local SolrCloud on 127.0.0.1 (context /solr), registered in the given ZooKeeper
 * under the name {@code 127.0.0.1:PORT_solr}.
 *
 * <p>Usage: {@code CloudNode --port N --home DIR --zk HOST:PORT [--zk-timeout-ms 15000]}. The home
 * holds {@code solr.xml} (written at every start) and the replicas the Collections API placed on
 * this node (kept between starts: a node started again with the same home and port finds its
 * replicas and recovers them from their leaders). Exits with status 2 when the node cannot
 * start; SIGTERM stops it cleanly
 * (its replicas leave, leaders move at once); SIGKILL is a node lost (ZooKeeper notices when
 * its session expires, after the ZooKeeper timeout).
 */
public final class CloudNode {

  private static final Logger log = LoggerFactory.getLogger(CloudNode.class);

  private CloudNode() {}

  static String solrXml(int port, String zkHost, int zkTimeoutMs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- written by imio.strategicplan's CloudNode (solr/run-cloud): a SolrCloud node -->\n"
        + "<solr>\n"
        + "  <int name=\"maxBooleanClauses\">${solr.max.booleanClauses:1024}</int>\n"
        + "  <str name=\"allowPaths\">${solr.allowPaths:}</str>\n"
        + "  <solrcloud>\n"
        + "    <str name=\"host\">127.0.0.1</str>\n"
        + "    <int name=\"hostPort\">"
        + port
        + "</int>\n"
        + "    <str name=\"hostContext\">solr</str>\n"
        + "    <str name=\"zkHost\">"
        + zkHost
        + "</str>\n"
        + "    <int name=\"zkClientTimeout\">"
        + zkTimeoutMs
        + "</int>\n"
        + "    <bool name=\"genericCoreNodeNames\">true</bool>\n"
        + "    <int name=\"distribUpdateSoTimeout\">600000</int>\n"
        + "    <int name=\"distribUpdateConnTimeout\">60000</int>\n"
        + "  </solrcloud>\n"
        + "  <shardHandlerFactory name=\"shardHandlerFactory\" class=\"HttpShardHandlerFactory\">\n"
        + "    <int name=\"socketTimeout\">600000</int>\n"
        + "    <int name=\"connTimeout\">60000</int>\n"
        + "  </shardHandlerFactory>\n"
        + "</solr>\n";
  }

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    int port = Integer.parseInt(Launch.required(args, "--port"));
    Path home = Path.of(Launch.required(args, "--home")).toAbsolutePath();
    String zkHost = Launch.required(args, "--zk");
    int zkTimeout = Integer.parseInt(Launch.option(args, "--zk-timeout-ms", "15000"));

    if (!Launch.portIsFree(port)) {
      log.error("The Solr node did not start: 127.0.0.1:{} is already in use", port);
      System.exit(2);
    }
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("solr.xml"), solrXml(port, zkHost, zkTimeout), StandardCharsets.UTF_8);
    Launch.Served served =
        Launch.serve(
            "SolrCloud node",
            home,
            port,
            runner -> {
              if (runner.getCoreContainer() == null
                  || runner.getCoreContainer().getZkController() == null) {
                throw new IllegalStateException("not connected to ZooKeeper at " + zkHost);
              }
            });
    JettySolrRunner runner = served.runner();
    log.info(
        "SolrCloud node {} ready in {} ms: http://127.0.0.1:{}/solr (ZooKeeper {}, home {}, pid {})",
        runner.getCoreContainer().getZkController().getNodeName(),
        (System.nanoTime() - started) / 1_000_000,
        runner.getLocalPort(),
        zkHost,
        home,
        ProcessHandle.current().pid());
    served.stopped().await();
  }
}
