package be.imio.strategicplan.solr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.solr.core.SolrCore;
import org.apache.solr.embedded.JettySolrRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one standalone Solr 9 node on 127.0.0.1 (context /solr) with the core {@code plone}.
 *
 * <p>Usage: {@code SolrNode [--port N] [--home DIR] [--configset DIR]}; the port also comes from
 * {@code SOLR_PORT} (default 8983), the home from {@code SOLR_HOME} (default var/solr). The core's
 * conf/ is copied from the configset at every start (its index, under data/, is kept). The node
 * exits with status 2 when the core does not load, and stops cleanly on SIGTERM (shutdown hook).
 */
public final class SolrNode {

  private static final Logger log = LoggerFactory.getLogger(SolrNode.class);
  private static final String CORE = "plone";

  private static final String SOLR_XML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<!-- written by imio.strategicplan's SolrNode: a standalone node, no SolrCloud -->\n"
          + "<solr>\n"
          + "  <int name=\"maxBooleanClauses\">${solr.max.booleanClauses:1024}</int>\n"
          + "  <str name=\"allowPaths\">${solr.allowPaths:}</str>\n"
          + "</solr>\n";

  private SolrNode() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    int port = Integer.parseInt(Launch.option(args, "--port", env("SOLR_PORT", "8983")));
    Path home = Path.of(Launch.option(args, "--home", env("SOLR_HOME", "var/solr"))).toAbsolutePath();
    Path configset =
        Path.of(Launch.option(args, "--configset", "solr/configsets/plone/conf")).toAbsolutePath();

    if (!Files.isRegularFile(configset.resolve("schema.xml"))) {
      throw new IllegalArgumentException("no schema.xml in the configset " + configset);
    }
    if (port != 0 && !Launch.portIsFree(port)) {
      log.error("The Solr node did not start: 127.0.0.1:{} is already in use", port);
      System.exit(2);
    }
    prepareHome(home, configset);
    Launch.Served served =
        Launch.serve(
            "Solr node",
            home,
            port,
            runner -> {
              try (SolrCore core = runner.getCoreContainer().getCore(CORE)) {
                if (core == null) {
                  throw new IllegalStateException("no core named " + CORE + " in " + home);
                }
              }
            });
    JettySolrRunner runner = served.runner();
    log.info(
        "Solr {} ready in {} ms: http://127.0.0.1:{}/solr/{} (home {}, pid {})",
        org.apache.solr.client.api.util.SolrVersion.LATEST_STRING,
        (System.nanoTime() - started) / 1_000_000,
        runner.getLocalPort(),
        CORE,
        home,
        ProcessHandle.current().pid());
    served.stopped().await();
  }

  /** Writes solr.xml and the core (core.properties + a fresh copy of the configset's conf/). */
  static void prepareHome(Path home, Path configset) throws IOException {
    Path core = home.resolve(CORE);
    Path conf = core.resolve("conf");
    Files.createDirectories(home);
    Files.writeString(home.resolve("solr.xml"), SOLR_XML, StandardCharsets.UTF_8);
    if (Files.exists(conf)) {
      try (Stream<Path> walk = Files.walk(conf)) {
        walk.sorted((a, b) -> b.compareTo(a)).forEach(Launch::deleteQuietly);
      }
    }
    Files.createDirectories(conf);
    try (Stream<Path> walk = Files.walk(configset)) {
      walk.forEach(
          source -> {
            Path target = conf.resolve(configset.relativize(source).toString());
            try {
              if (Files.isDirectory(source)) {
                Files.createDirectories(target);
              } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    Files.writeString(
        core.resolve("core.properties"), "name=" + CORE + "\n", StandardCharsets.UTF_8);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
