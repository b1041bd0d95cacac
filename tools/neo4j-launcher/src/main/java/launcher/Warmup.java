package launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Plans the application's hottest queries once, before clients are let in.
 *
 * Why: a freshly started JVM interprets Neo4j's parser, planner and runtime code and loads their
 * classes on first use, so each of the first distinct queries costs hundreds of milliseconds of
 * CPU (cold: 0.1-0.8 s each on a 2-core machine, against about 40 ms warm). After a crash restart
 * every client arrived at once and the first write through the API came 8-13 s after Neo4j
 * accepted connections.
 *
 * How: EXPLAIN each query named in a list file (cypher/warmup.txt), in order, until a time budget
 * is spent. EXPLAIN reads and writes no data and needs no parameters; it runs in the real database
 * while Bolt is not yet reachable (see BoltGate). It leaves nothing the application's runs reuse
 * (measured: a query run right after its EXPLAIN costs as much as one never seen); what it buys is
 * a JVM that has loaded and compiled the Cypher pipeline. Only speed is at stake: a query that
 * fails to plan is skipped.
 *
 * Not a throwaway database in this JVM, although that would keep the real one out of it: with
 * one, the chaos suite saw reads labelled with revisions they did not show (130 in one run).
 */
final class Warmup {
    private Warmup() {}

    record Result(int listed, int planned, int failed, long millis) {}

    static Result run(GraphDatabaseService db, Path list, long budgetMs) throws IOException {
        long t0 = System.nanoTime();
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
        }
        int planned = 0;
        int failed = 0;
        for (String name : names) {
            if ((System.nanoTime() - t0) / 1_000_000 >= budgetMs) break;
            try {
                // The whole file, comments included, as src/db/cypher.ts hands it to Neo4j.
                db.executeTransactionally("EXPLAIN " + Files.readString(list.resolveSibling(name + ".cypher")));
                planned++;
            } catch (IOException | RuntimeException e) {
                failed++;
                System.err.println("NEO4J_WARMUP skipped " + name + ": " + e.getMessage());
            }
        }
        return new Result(names.size(), planned, failed, (System.nanoTime() - t0) / 1_000_000);
    }
}
