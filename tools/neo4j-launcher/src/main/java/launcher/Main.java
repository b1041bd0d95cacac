package launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.monitoring.Monitors;

/**
 * Runs Neo4j Community embedded with a Bolt connector, so the Node app and its tests get a real
 * server without Docker or a Neo4j package.
 *
 * Config (args override env): --port / NEO4J_LAUNCHER_PORT (7687), --data / NEO4J_LAUNCHER_DATA
 * (.neo4j/data), NEO4J_USERNAME (neo4j) and NEO4J_PASSWORD (non-empty turns auth on),
 * NEO4J_LAUNCHER_TX_MEMORY_MB (256): the most heap one transaction may use (db.memory.transaction.max),
 * --warmup / NEO4J_LAUNCHER_WARMUP (none): a list of named queries (cypher/warmup.txt) to run before
 * the port opens, for at most NEO4J_LAUNCHER_WARMUP_MS (10000), with the parameter shapes recorded
 * in <data>/query-shapes.txt; with it, Neo4j's own Bolt connector listens on a free loopback port and
 * the port above opens once warm (see Warmup, QueryShapes and BoltGate).
 * NEO4J_LAUNCHER_SLOW_QUERY_MS (none): log queries that took at least that long (SlowQueryLog).
 * Prints exactly one line to stdout when ready: NEO4J_READY bolt://127.0.0.1:PORT version=... edition=...
 * auth=on|off opened=<epoch ms when the port began to take connections>
 */
public final class Main {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(arg(args, "--port", env("NEO4J_LAUNCHER_PORT", "7687")));
        Path home = Path.of(arg(args, "--data", env("NEO4J_LAUNCHER_DATA", ".neo4j/data"))).toAbsolutePath();
        String username = env("NEO4J_USERNAME", "neo4j");
        String password = env("NEO4J_PASSWORD", "");
        boolean auth = !password.isEmpty();
        // One runaway query must fail on its own (Neo.TransientError.General.TransactionOutOfMemoryError)
        // instead of filling the heap and taking the whole database down with an OutOfMemoryError.
        long txMemoryMb = Long.parseLong(env("NEO4J_LAUNCHER_TX_MEMORY_MB", "256"));
        Files.createDirectories(home);
        String warmupList = arg(args, "--warmup", env("NEO4J_LAUNCHER_WARMUP", ""));
        long warmupBudgetMs = Long.parseLong(env("NEO4J_LAUNCHER_WARMUP_MS", "10000"));
        boolean gated = !warmupList.isEmpty();
        int boltPort = gated ? BoltGate.freePort(HOST) : port;

        // The data folder is Neo4j's home: store in <data>/data, Neo4j's own logs in <data>/logs.
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Sized for a 2-core dev box next to the API and tests, not for production.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(128))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMemoryMb))
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "128M size")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Netty's default 5 s + 5 s graceful waits dominate stop time; the stores are already
                // checkpointed and closed by then, so waiting longer buys nothing for a dev server.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        // A hook (not signal handlers) covers SIGTERM, SIGINT and normal exit alike; a clean
        // shutdown checkpoints the store so the next start reuses it without recovery.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        try {
            if (auth) {
                // On a restart with the same credentials the user is already set: changing it again would
                // run system-database writes while clients already connect (new logins then wait on them,
                // which delayed the first writes after a restart by many seconds).
                Path marker = home.resolve("auth-configured");
                String fingerprint = fingerprint(username, password);
                if (!Files.exists(marker) || !Files.readString(marker).trim().equals(fingerprint)) {
                    configureUser(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), username, password);
                    Files.writeString(marker, fingerprint + "\n");
                }
            }
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(TimeUnit.MINUTES.toMillis(3))) {
                throw new IllegalStateException("default database did not become available");
            }
            waitForPort(boltPort, TimeUnit.MINUTES.toMillis(1));
            Monitors monitors = ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(Monitors.class);
            Map<String, String> texts = Map.of();
            if (gated) {
                try {
                    texts = Warmup.load(Path.of(warmupList).toAbsolutePath());
                } catch (IOException e) {
                    System.err.println("NEO4J_WARMUP could not read " + warmupList + ", opening cold: " + e);
                }
            }
            Map<String, String> namesByText = Warmup.byText(texts);
            String slowQueryMs = env("NEO4J_LAUNCHER_SLOW_QUERY_MS", "");
            if (!slowQueryMs.isEmpty()) {
                monitors.addMonitorListener(new SlowQueryLog(Long.parseLong(slowQueryMs), namesByText));
            }
            // When the port started taking connections (reported on the ready line: a client's own
            // readiness probe may succeed later than the port opened, and writes may come before it).
            long openedAt = System.currentTimeMillis();
            if (gated) {
                try {
                    QueryShapes shapes = new QueryShapes(home.resolve(QueryShapes.FILE_NAME), namesByText);
                    Warmup.Result w;
                    try (Driver bolt = GraphDatabase.driver("bolt://" + HOST + ":" + boltPort,
                            auth ? AuthTokens.basic(username, password) : AuthTokens.none(),
                            Config.builder().withLogging(Logging.none()).build())) {
                        w = Warmup.run(bolt, texts, shapes, warmupBudgetMs);
                    }
                    System.err.println("NEO4J_WARMUP ran " + w.replayed() + " of " + shapes.count()
                            + " recorded shapes and planned " + w.explained() + " more of " + w.listed()
                            + " listed queries (" + w.failed() + " failed) in " + w.millis()
                            + " ms; Bolt " + HOST + ":" + boltPort + " relayed from port " + port);
                    // From now on the application's runs of listed queries are recorded for the next start.
                    monitors.addMonitorListener(shapes);
                    shapes.startWriting();
                } catch (Exception e) {
                    System.err.println("NEO4J_WARMUP failed, opening cold: " + e);
                }
                BoltGate.open(HOST, port, boltPort);
                openedAt = System.currentTimeMillis();
                waitForPort(port, TimeUnit.MINUTES.toMillis(1));
            }
            Map<String, Object> component = db.executeTransactionally(
                    "CALL dbms.components() YIELD name, versions, edition WHERE name = 'Neo4j Kernel' "
                            + "RETURN versions[0] AS version, edition",
                    Map.of(), r -> r.next());
            System.out.println("NEO4J_READY bolt://" + HOST + ":" + port
                    + " version=" + component.get("version") + " edition=" + component.get("edition")
                    + " auth=" + (auth ? "on" : "off") + " opened=" + openedAt);
            System.out.flush();
        } catch (Exception e) {
            System.err.println("NEO4J_FAILED " + e);
            e.printStackTrace();
            System.exit(1); // runs the hook, which shuts the DBMS down cleanly
        }
        stopped.await(); // keep the JVM alive until a signal; the hook does the work
    }

    /** SHA-256 of the credentials, so the marker file never holds the password itself. */
    private static String fingerprint(String username, String password) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((username + "\u0000" + password).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** Sets the password on the system database; idempotent across restarts. */
    private static void configureUser(GraphDatabaseService system, String username, String password) {
        String user = "`" + username.replace("`", "``") + "`";
        system.executeTransactionally("CREATE USER " + user + " IF NOT EXISTS SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                Map.of("pw", password));
        try {
            system.executeTransactionally("ALTER USER " + user + " SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to its current value: that is the restart case.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER " + user + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    /** Bolt is started by the DBMS lifecycle; probe it anyway so "ready" means connectable. */
    private static void waitForPort(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Bolt port " + port + " not accepting connections", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
