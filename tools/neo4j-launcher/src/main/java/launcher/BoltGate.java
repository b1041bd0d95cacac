package launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The public Bolt port, opened only once the database is warm: a plain TCP relay from it to the
 * loopback port Neo4j's own Bolt connector listens on.
 *
 * Why a relay: Neo4j opens its Bolt connector while the database starts, and an embedded DBMS
 * cannot open it later; clients that connect at once all pay the cold JVM together (see Warmup).
 * Behind the relay, "connectable" means "warm". Each client connection gets its own connection to
 * Neo4j, bytes pass unchanged both ways, and closing either side closes both. Costs about a tenth
 * of a millisecond per round trip on loopback.
 */
final class BoltGate {
    private BoltGate() {}

    /** A free loopback port for Neo4j's own connector (the kernel picks it; we release it at once). */
    static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    /** Starts accepting on host:publicPort and relaying to host:boltPort; returns once listening. */
    static void open(String host, int publicPort, int boltPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, publicPort), 128);
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket client = server.accept();
                    relay(client, host, boltPort);
                } catch (IOException e) {
                    if (server.isClosed()) return;
                    pause(); // e.g. out of file descriptors: do not spin while it lasts
                }
            }
        }, "bolt-gate-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void relay(Socket client, String host, int boltPort) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true); // Bolt messages are small: never wait to coalesce them
            upstream.setTcpNoDelay(true);
            upstream.connect(new InetSocketAddress(host, boltPort), 5000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        pump(client, upstream, "bolt-gate-in");
        pump(upstream, client, "bolt-gate-out");
    }

    private static void pump(Socket from, Socket to, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went away: fall through and close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
