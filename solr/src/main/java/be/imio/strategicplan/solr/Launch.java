package be.imio.strategicplan.solr;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the launchers ({@link SolrNode}, {@link CloudZooKeeper}, {@link CloudNode}) share. */
final class Launch {

  private static final Logger log = LoggerFactory.getLogger(Launch.class);
  // Jersey (Solr's v2 API) logs a harmless warning through java.util.logging at start-up;
  // held here so that the level set in serve() is not garbage-collected.
  private static final java.util.logging.Logger JERSEY =
      java.util.logging.Logger.getLogger("org.glassfish.jersey");

  private Launch() {}

  /** What a started node must have (its core, its ZooKeeper session); throws when it has not. */
  interface Check {
    void verify(JettySolrRunner runner) throws Exception;
  }

  /** A running node and the latch released once the JVM's shutdown has stopped it. */
  record Served(JettySolrRunner runner, CountDownLatch stopped) {}

  /**
   * Runs Solr's Jetty on {@code port} with {@code home}; the process exits 2 when Jetty or {@code
   * check} fails. Returns the ready node; its caller waits on {@code stopped} to serve until the
   * JVM stops (SIGTERM from the supervisord that started it runs the shutdown hook).
   */
  static Served serve(String label, Path home, int port, Check check) {
    // bin/solr sets solr.log.dir and Solr warns without it; these nodes log to stdout only
    System.setProperty("solr.log.dir", home.resolve("logs").toString());
    JERSEY.setLevel(java.util.logging.Level.SEVERE);
    JettyConfig config =
        JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(false).build();
    JettySolrRunner runner = new JettySolrRunner(home.toString(), new Properties(), config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping the {} on port {}", label, port);
                  try {
                    if (runner.isRunning()) {
                      runner.stop();
                    }
                  } catch (Exception e) {
                    log.error("Error while stopping Solr", e);
                  } finally {
                    log.info("{} stopped", label);
                    stopped.countDown();
                  }
                },
                "solr-shutdown"));
    try {
      runner.start();
      check.verify(runner);
    } catch (Exception e) { // port taken, configset broken, ZooKeeper not answering...
      log.error("The {} did not start: {}", label, e.toString());
      System.exit(2);
    }
    return new Served(runner, stopped);
  }

  /** The value of the last {@code name VALUE} pair in args (a later one overrides). */
  static String option(String[] args, String name, String fallback) {
    String value = fallback;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        value = args[i + 1];
      }
    }
    return value;
  }

  /** The value of {@code name}; IllegalArgumentException when it is not given. */
  static String required(String[] args, String name) {
    String value = option(args, name, null);
    if (value == null) {
      throw new IllegalArgumentException("missing option " + name);
    }
    return value;
  }

  static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes a file; false (and nothing thrown) when it could not. */
  static boolean deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
