package be.imio.strategicplan.solr;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.ZkMaintenanceUtils;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper of a local SolrCloud: a standalone ZooKeeper server (ZooKeeperServerMain, what a
 * ZooKeeper install's {@code zkServer.sh} runs for a single server) on 127.0.0.1, then the
 * configset uploaded, as {@code bin/solr zk upconfig} does.
 *
 * <p>Usage: {@code CloudZooKeeper --port N --dir DIR --configset DIR [--configset-name plone]
 * [--tick-ms 1000]}. DIR holds {@code zoo.cfg}, the data ({@code data/}, kept between starts) and
 * {@code zookeeper.ready} (written once the configset is uploaded, removed at stop). The configset replaces
 * {@code /configs/NAME} at every start. Exits with status 2 when the port is taken or the upload
 * fails; SIGTERM stops the server.
 */
public final class CloudZooKeeper {

  private static final Logger log = LoggerFactory.getLogger(CloudZooKeeper.class);

  private CloudZooKeeper() {}

  /** Asks ZooKeeper "ruok" until it answers "imok" (it is serving) or the time is up. */
  static boolean serving(int port, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        socket.setSoTimeout(1000);
        socket.getOutputStream().write("ruok".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        byte[] answer = socket.getInputStream().readNBytes(4);
        if ("imok".equals(new String(answer, StandardCharsets.US_ASCII))) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    return false;
  }

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    int port = Integer.parseInt(Launch.required(args, "--port"));
    Path dir = Path.of(Launch.required(args, "--dir")).toAbsolutePath();
    Path configset = Path.of(Launch.required(args, "--configset")).toAbsolutePath();
    String name = Launch.option(args, "--configset-name", "plone");
    int tick = Integer.parseInt(Launch.option(args, "--tick-ms", "1000"));
    Path ready = dir.resolve("zookeeper.ready");

    if (!Files.isRegularFile(configset.resolve("schema.xml"))) {
      throw new IllegalArgumentException("no schema.xml in the configset " + configset);
    }
    if (!Launch.portIsFree(port)) {
      log.error("ZooKeeper did not start: 127.0.0.1:{} is already in use", port);
      System.exit(2);
    }
    Files.createDirectories(dir.resolve("data"));
    Launch.deleteQuietly(ready);
    // the zoo.cfg a ZooKeeper install would read; sessions may last 2 to 20 ticks
    Path zooCfg = dir.resolve("zoo.cfg");
    Files.writeString(
        zooCfg,
        "# written by imio.strategicplan's CloudZooKeeper (solr/run-cloud)\n"
            + "tickTime="
            + tick
            + "\n"
            + "dataDir="
            + dir.resolve("data")
            + "\n"
            + "clientPort="
            + port
            + "\n"
            + "clientPortAddress=127.0.0.1\n"
            + "maxClientCnxns=0\n"
            + "admin.enableServer=false\n"
            + "4lw.commands.whitelist=ruok,mntr,srvr,stat\n",
        StandardCharsets.UTF_8);
    ServerConfig config = new ServerConfig();
    config.parse(zooCfg.toString());

    ZooKeeperServerMain server = new ZooKeeperServerMain();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping ZooKeeper on port {}", port);
                  Launch.deleteQuietly(ready);
                  server.close();
                  try {
                    stopped.await(20, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  log.info("ZooKeeper stopped");
                },
                "zookeeper-shutdown"));
    Thread serving =
        new Thread(
            () -> {
              try {
                server.runFromConfig(config);
              } catch (Exception e) {
                log.error("ZooKeeper failed: {}", e.toString());
                System.exit(2);
              } finally {
                stopped.countDown();
              }
            },
            "zookeeper");
    serving.start();

    String address = "127.0.0.1:" + port;
    if (!serving(port, 30_000)) {
      log.error("ZooKeeper did not answer 'ruok' on {} within 30 s", address);
      System.exit(2);
    }
    try (SolrZkClient zk =
        new SolrZkClient.Builder()
            .withUrl(address)
            .withTimeout(15, TimeUnit.SECONDS)
            .withConnTimeOut(30, TimeUnit.SECONDS)
            .build()) {
      String path = ZkMaintenanceUtils.CONFIGS_ZKNODE + "/" + name;
      if (zk.exists(path, true)) {
        ZkMaintenanceUtils.clean(zk, path);
      }
      ZkMaintenanceUtils.uploadToZK(
          zk, configset, path, ZkMaintenanceUtils.UPLOAD_FILENAME_EXCLUDE_PATTERN);
    } catch (Exception e) {
      log.error("Uploading the configset {} to ZooKeeper failed: {}", configset, e.toString());
      System.exit(2);
    }
    Files.writeString(ready, address + "\n", StandardCharsets.US_ASCII);
    log.info(
        "ZooKeeper ready in {} ms: {} (configset {} from {}, pid {})",
        (System.nanoTime() - started) / 1_000_000,
        address,
        name,
        configset,
        ProcessHandle.current().pid());
    serving.join();
  }
}
