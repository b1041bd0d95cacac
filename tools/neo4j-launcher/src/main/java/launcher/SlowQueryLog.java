package launcher;

import java.util.Map;

import org.neo4j.kernel.api.query.ExecutingQuery;
import org.neo4j.kernel.api.query.QuerySnapshot;

/**
 * A diagnostic: with NEO4J_LAUNCHER_SLOW_QUERY_MS=N, every query that took N ms or more is logged
 * to stderr (the launcher's log) with its planning time and lock wait, so a slow first write can
 * be told apart as planning (a plan cache miss) or waiting (the revision lock). Community Neo4j has
 * no query log of its own.
 *
 * Line: {@code NEO4J_SLOW <epoch ms> <query name, or its first 60 characters> compile=<ms> wait=<ms> elapsed=<ms>}.
 */
final class SlowQueryLog extends SuccessfulQueryMonitor {
    private final long thresholdMicros;
    /** Listed queries are logged by name (cypher/<name>.cypher), others by their first characters. */
    private final Map<String, String> nameByText;

    SlowQueryLog(long thresholdMs, Map<String, String> nameByText) {
        this.thresholdMicros = thresholdMs * 1000;
        this.nameByText = nameByText;
    }

    @Override
    public void endSuccess(ExecutingQuery query) {
        QuerySnapshot q = query.snapshot();
        if (q.elapsedTimeMicros() < thresholdMicros) {
            return;
        }
        String name = nameByText.get(q.rawQueryText());
        if (name == null) {
            String text = q.rawQueryText().replaceAll("\\s+", " ").strip();
            name = text.substring(0, Math.min(60, text.length()));
        }
        System.err.println("NEO4J_SLOW " + System.currentTimeMillis() + " " + name
                + " compile=" + q.compilationTimeMicros() / 1000 + " wait=" + q.waitTimeMicros() / 1000
                + " elapsed=" + q.elapsedTimeMicros() / 1000);
    }
}
