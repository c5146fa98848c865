package be.imio.strategicplan.solr;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the SolrCloud launchers ({@link CloudZooKeeper}, {@link CloudNode}) share. */
final class Launch {

  private Launch() {}

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
