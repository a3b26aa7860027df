/*
 * Starts one search node for the test run (see tests/services/elasticsearch.py).
 *
 * Why a launcher instead of the runner's own main(): that main() exits silently on any start-up
 * error, only accepts HTTP ports below 9300, and leaves transport.port to the default 9300-9400
 * scan. Here the transport port comes from the caller (a free port, so two runs never clash),
 * the node stays on loopback as a single-node cluster, and failures print their stack trace.
 */
public class SearchNode {
  public static void main(String[] args) throws Exception {
    final String transportPort = System.getProperty("searchnode.transport.port");
    final org.codelibs.opensearch.runner.OpenSearchRunner runner = new org.codelibs.opensearch.runner.OpenSearchRunner();
    runner.setMaxHttpPort(-1);  // use baseHttpPort + 1 exactly; the caller picked a free port
    runner.onBuild((number, settings) -> {
      settings.put("transport.port", transportPort);
      settings.put("network.host", "127.0.0.1");
      settings.put("discovery.type", "single-node");
      settings.put("action.auto_create_index", "false");
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try { runner.close(); } catch (Exception e) { e.printStackTrace(); }
    }));
    try {
      runner.build(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
    System.out.println("SEARCH NODE STARTED");
    while (!runner.isClosed()) {
      Thread.sleep(1000);
    }
  }
}
