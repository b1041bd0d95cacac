package launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.TransactionConfig;

/**
 * Fills Neo4j's plan caches with the application's hottest queries before clients are let in.
 *
 * Why: a freshly started JVM interprets Neo4j's parser, planner and runtime code and loads their
 * classes on first use, and its plan caches are empty, so each of the first distinct queries costs
 * hundreds of milliseconds of CPU (cold: 0.1-0.8 s each on a 2-core machine, against about 10 ms
 * cached). After a crash restart every client arrived at once and the first write through the API
 * came 8-13 s after Neo4j accepted connections.
 *
 * How: run each query named in a list file (cypher/warmup.txt) with the parameter shapes it last
 * ran with (QueryShapes), with stand-in values, in transactions that are always rolled back, so its
 * plan is cached exactly as the application's next run looks it up (after a write first when the
 * application's run came after one: Neo4j caches the two cases apart). A query never run yet (a new
 * data folder) is only EXPLAINed, which warms the JVM but caches nothing the application reuses.
 * Order: the list's, each query's most recent shape first, then the next most recent of each,
 * until a time budget is spent. Over Bolt, on
 * Neo4j's own connector while the public port is still shut (see BoltGate): a Bolt query passes
 * Neo4j's query router, which plans and caches it once more, so runs through the embedded API left
 * each first Bolt run 100-470 ms of compiling (measured). Only speed is at stake: a run that fails
 * is counted and skipped.
 *
 * Not a throwaway database in this JVM, although that would keep the real one out of it: the one
 * run with one saw 130 reads labelled with revisions they did not show. The likelier cause, found
 * later, was the order of the consistent read's checks (src/db/consistency.ts); the throwaway
 * database was not tried again.
 */
final class Warmup {
    private Warmup() {}

    /** Longest one stand-in run may take: a warm-up must never hold the gate on one big query. */
    private static final TransactionConfig RUN = TransactionConfig.builder().withTimeout(Duration.ofSeconds(5)).build();

    record Result(int listed, int replayed, int explained, int failed, long millis) {}

    /** The listed names and their query texts (each file whole, as src/db/cypher.ts hands it to Neo4j), in order. */
    static Map<String, String> load(Path list) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(list)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Path file = list.resolveSibling(name + ".cypher");
            if (Files.exists(file)) {
                texts.put(name, Files.readString(file));
            } else {
                System.err.println("NEO4J_WARMUP skipped " + name + ": no " + file);
            }
        }
        return texts;
    }

    /** text -> name, for QueryShapes to recognise the application's runs. */
    static Map<String, String> byText(Map<String, String> texts) {
        Map<String, String> names = new HashMap<>();
        texts.forEach((name, text) -> names.put(text, name));
        return names;
    }

    /** One warm-up step: a recorded run of a listed query, or (run null) its EXPLAIN. */
    private record Step(String name, String text, QueryShapes.Run run) {}

    static Result run(Driver bolt, Map<String, String> texts, QueryShapes shapes, long budgetMs) {
        long t0 = System.nanoTime();
        // In list order, each query's most recent run first, then the next most recent of each, and
        // so on; one EXPLAIN for a query never run.
        List<List<Step>> rounds = new ArrayList<>();
        for (Map.Entry<String, String> query : texts.entrySet()) {
            List<QueryShapes.Run> recorded = shapes.of(query.getKey());
            for (int i = 0; i < Math.max(1, recorded.size()); i++) {
                if (rounds.size() <= i) {
                    rounds.add(new ArrayList<>());
                }
                QueryShapes.Run run = recorded.isEmpty() ? null : recorded.get(i);
                rounds.get(i).add(new Step(query.getKey(), query.getValue(), run));
            }
        }
        int replayed = 0;
        int explained = 0;
        int failed = 0;
        // One at a time: two at once contended for the revision node's lock and the Change id's
        // index entry (their stand-in values are alike), and were slower in the chaos suite.
        try (Session session = bolt.session()) {
            for (Step step : rounds.stream().flatMap(List::stream).toList()) {
                if ((System.nanoTime() - t0) / 1_000_000 >= budgetMs) {
                    break;
                }
                if (step.run() == null) {
                    if (explain(session, step)) {
                        explained++;
                    } else {
                        failed++;
                    }
                } else if (replay(session, step)) {
                    replayed++;
                } else {
                    failed++;
                }
            }
        }
        return new Result(texts.size(), replayed, explained, failed, (System.nanoTime() - t0) / 1_000_000);
    }

    /** One recorded run with stand-in values, rolled back; false (and why, in the log) when it failed. */
    private static boolean replay(Session session, Step step) {
        try (Transaction tx = session.beginTransaction(RUN)) {
            if (step.run().afterWrite()) {
                tx.run("CREATE ()").consume(); // no label or property: no token is created
            }
            tx.run(step.text(), QueryShapes.valuesOf(step.run().shape())).consume();
            tx.rollback();
            return true;
        } catch (RuntimeException e) {
            // Stand-in values may fail a query's own checks after it was planned; say which and why.
            System.err.println("NEO4J_WARMUP run of " + step.run().line(step.name()) + " failed: " + e.getMessage());
            return false;
        }
    }

    private static boolean explain(Session session, Step step) {
        try {
            session.run("EXPLAIN " + step.text()).consume();
            return true;
        } catch (RuntimeException e) {
            System.err.println("NEO4J_WARMUP could not plan " + step.name() + ": " + e.getMessage());
            return false;
        }
    }
}
