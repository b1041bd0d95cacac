package launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.kernel.api.query.ExecutingQuery;
import org.neo4j.values.AnyValue;
import org.neo4j.values.storable.BooleanValue;
import org.neo4j.values.storable.FloatingPointValue;
import org.neo4j.values.storable.IntegralValue;
import org.neo4j.values.storable.NoValue;
import org.neo4j.values.storable.TextValue;
import org.neo4j.values.virtual.ListValue;
import org.neo4j.values.virtual.MapValue;

/**
 * The parameter shapes the application's listed queries last ran with, kept in a small file in
 * the data folder so that a restarted Neo4j can fill its plan cache before clients come back.
 *
 * Why: Neo4j caches a plan per query text and per parameter types (strings and lists also by size
 * bucket: 0, 1, 2-10, 11-100, ...), and only a real run fills that cache; EXPLAIN does not
 * (measured on links/list: a run after its EXPLAIN 50-90 ms, after a rolled-back run of the same
 * shape 6-12 ms, with other types or sizes 50-90 ms again).
 *
 * What is kept is a shape, never a value: for each parameter its type, a string's length, a list's
 * elements' shapes, a map's keys. A replay builds stand-in values of that shape ("xxx", 0, false),
 * so the file holds nothing of the graph or of the requests. Only texts named in the warm-up list
 * are recorded, at most MAX_SHAPES size classes per name (the most recently used), and the file
 * is rewritten when a class comes or goes, at most every WRITE_EVERY_MS, so a SIGKILL loses only
 * the last seconds of it.
 *
 * Whether the run's transaction had already written counts as well: Neo4j caches a plan for each
 * case (measured: the write path's queries after its revision lock missed a cache filled by runs
 * in fresh transactions). A query writes when its text has a write clause outside its comments.
 *
 * Format, one run per line, most recently used first: {@code name<TAB>fresh|after-write<TAB>shape},
 * where a shape is {@code n} (null), {@code b}, {@code i}, {@code f}, {@code s<length>},
 * {@code l<size>[shape,...]} or {@code m{key=shape,...}}; the parameters are the top-level map.
 */
final class QueryShapes extends SuccessfulQueryMonitor {
    static final String FILE_NAME = "query-shapes.txt";
    /** Distinct shapes kept per query: filters that are sometimes null give a few per read. */
    static final int MAX_SHAPES = 4;
    private static final long WRITE_EVERY_MS = 2000;
    /** Longer lists are not recorded: their stand-in would be as big, and such runs are rare. */
    private static final int MAX_LIST = 64;
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A string length or list size: a value (followed by , ] } [ or the end), not a key (by =). */
    private static final Pattern SIZE = Pattern.compile("([sl])(\\d+)(?=[,\\]}\\[]|$)");

    /** Whether a query text writes: a write clause outside its comments (a guess that errs to yes). */
    private static final Pattern WRITE_CLAUSE =
            Pattern.compile("\\b(CREATE|MERGE|SET|DELETE|REMOVE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");
    /** Transactions followed at once (by Neo4j's sequence number); the oldest are forgotten. */
    private static final int TRACKED_TRANSACTIONS = 4096;

    /** One recorded run: its parameter shape, and whether its transaction had written before it. */
    record Run(boolean afterWrite, String shape) {
        String line(String name) {
            return name + '\t' + (afterWrite ? "after-write" : "fresh") + '\t' + shape;
        }
    }

    private final Path file;
    private final Map<String, String> nameByText;
    /** name -> (class of a run -> the first run seen in that class), least recently used first. */
    private final Map<String, LinkedHashMap<String, Run>> runs = new HashMap<>();
    private boolean dirty;
    private final Map<String, Boolean> writesByText = new ConcurrentHashMap<>();
    /** Transactions in which a query that writes has run (Neo4j plans later queries in them apart). */
    private final Map<Long, Boolean> written = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > TRACKED_TRANSACTIONS;
        }
    };

    QueryShapes(Path file, Map<String, String> nameByText) {
        this.file = file;
        this.nameByText = nameByText;
        load();
    }

    /** How many shapes are recorded, over all queries. */
    synchronized int count() {
        return runs.values().stream().mapToInt(Map::size).sum();
    }

    /** The recorded shapes of a listed query, most recently used first. */
    synchronized List<Run> of(String name) {
        LinkedHashMap<String, Run> byClass = runs.get(name);
        List<Run> out = new ArrayList<>(byClass == null ? List.of() : byClass.values());
        Collections.reverse(out);
        return out;
    }

    /** Starts the writer thread: rewrites the file when something new was recorded. */
    void startWriting() {
        Thread writer = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(WRITE_EVERY_MS);
                    writeIfChanged();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    System.err.println("NEO4J_WARMUP could not write " + file + ": " + e);
                }
            }
        }, "neo4j-launcher-query-shapes");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void endSuccess(ExecutingQuery query) {
        String text = query.rawQueryText();
        boolean writes = writesByText.computeIfAbsent(text, QueryShapes::writes);
        if (writesByText.size() > TRACKED_TRANSACTIONS) {
            writesByText.clear(); // ad-hoc texts must not grow it without bound
        }
        String name = nameByText.get(text);
        if (name == null && !writes) {
            return; // neither recorded nor marking its transaction: no snapshot needed
        }
        long transaction = query.snapshot().transactionSequenceNumber();
        boolean afterWrite;
        synchronized (this) {
            afterWrite = written.containsKey(transaction);
            if (writes) {
                written.put(transaction, Boolean.TRUE);
            }
        }
        if (name == null) {
            return;
        }
        String shape = shapeOf(query.rawQueryParameters());
        if (shape != null) {
            record(name, new Run(afterWrite, shape));
        }
    }

    static boolean writes(String text) {
        return WRITE_CLAUSE.matcher(LINE_COMMENT.matcher(text).replaceAll("")).find();
    }

    synchronized void record(String name, Run run) {
        LinkedHashMap<String, Run> byClass = runs.computeIfAbsent(name, n -> new LinkedHashMap<>());
        String runClass = run.afterWrite() + sizeClass(run.shape());
        // Any run of a class plans alike: the first one stays, only its recency moves.
        Run known = byClass.remove(runClass);
        byClass.put(runClass, known != null ? known : run);
        if (known == null) {
            if (byClass.size() > MAX_SHAPES) {
                Iterator<String> oldest = byClass.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            // Written only when a class comes or goes, not on every run under a steady load.
            dirty = true;
        }
    }

    synchronized void writeIfChanged() throws IOException {
        if (!dirty) {
            return;
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, LinkedHashMap<String, Run>> e : new TreeMap<>(runs).entrySet()) {
            List<Run> recent = new ArrayList<>(e.getValue().values());
            Collections.reverse(recent);
            for (Run run : recent) {
                out.append(run.line(e.getKey())).append('\n');
            }
        }
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        dirty = false;
    }

    private synchronized void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            // The file lists the most recent first; recording oldest first rebuilds the same order.
            Collections.reverse(lines);
            for (String line : lines) {
                String[] fields = line.split("\t", -1);
                if (fields.length == 3 && nameByText.containsValue(fields[0]) && valuesOf(fields[2]) != null
                        && (fields[1].equals("fresh") || fields[1].equals("after-write"))) {
                    record(fields[0], new Run(fields[1].equals("after-write"), fields[2]));
                }
            }
            dirty = false;
        } catch (IOException | RuntimeException e) {
            System.err.println("NEO4J_WARMUP ignored unreadable " + file + ": " + e);
        }
    }

    /**
     * Shapes that Neo4j plans alike share a class: like its plan cache, string lengths and list
     * sizes count by size bucket (0, 1, then the next power of ten: 2-10, 11-100, ...).
     */
    static String sizeClass(String shape) {
        Matcher m = SIZE.matcher(shape);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1) + "~" + bucket(Integer.parseInt(m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static long bucket(int size) {
        return size <= 1 ? size : (long) Math.pow(10, Math.ceil(Math.log10(size)));
    }

    /** The shape of a value, or null when it holds something a stand-in cannot be built for. */
    static String shapeOf(AnyValue value) {
        if (value == NoValue.NO_VALUE) {
            return "n";
        }
        if (value instanceof BooleanValue) {
            return "b";
        }
        if (value instanceof IntegralValue) {
            return "i";
        }
        if (value instanceof FloatingPointValue) {
            return "f";
        }
        if (value instanceof TextValue text) {
            return "s" + text.length();
        }
        if (value instanceof ListValue list) {
            if (list.intSize() > MAX_LIST) {
                return null;
            }
            StringBuilder out = new StringBuilder("l").append(list.intSize()).append('[');
            boolean first = true;
            for (AnyValue item : list) {
                String shape = shapeOf(item);
                if (shape == null) {
                    return null;
                }
                out.append(first ? "" : ",").append(shape);
                first = false;
            }
            return out.append(']').toString();
        }
        if (value instanceof MapValue map) {
            TreeMap<String, String> entries = new TreeMap<>();
            for (String key : map.keySet()) {
                String shape = shapeOf(map.get(key));
                if (!KEY.matcher(key).matches() || shape == null) {
                    return null;
                }
                entries.put(key, shape);
            }
            StringBuilder out = new StringBuilder("m{");
            boolean first = true;
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
                first = false;
            }
            return out.append('}').toString();
        }
        return null; // temporal, spatial, bytes, graph entities: not recorded
    }

    /** Stand-in parameters of a recorded top-level shape, or null when it does not parse. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> valuesOf(String shape) {
        try {
            Parser p = new Parser(shape);
            Object value = p.value();
            return p.at == shape.length() && value instanceof Map ? (Map<String, Object>) value : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static final class Parser {
        private final String s;
        int at;

        Parser(String s) {
            this.s = s;
        }

        Object value() {
            char c = s.charAt(at++);
            switch (c) {
                case 'n':
                    return null;
                case 'b':
                    return Boolean.FALSE;
                case 'i':
                    return 0L;
                case 'f':
                    return 0.0d;
                case 's':
                    return "x".repeat(number());
                case 'l': {
                    int size = number();
                    expect('[');
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        if (i > 0) {
                            expect(',');
                        }
                        items.add(value());
                    }
                    expect(']');
                    return items;
                }
                case 'm': {
                    expect('{');
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (s.charAt(at) != '}') {
                        if (!map.isEmpty()) {
                            expect(',');
                        }
                        int eq = s.indexOf('=', at);
                        String key = s.substring(at, eq);
                        if (!KEY.matcher(key).matches()) {
                            throw new IllegalArgumentException("bad key " + key);
                        }
                        at = eq + 1;
                        map.put(key, value());
                    }
                    expect('}');
                    return map;
                }
                default:
                    throw new IllegalArgumentException("unexpected '" + c + "' at " + (at - 1));
            }
        }

        private int number() {
            int start = at;
            while (at < s.length() && Character.isDigit(s.charAt(at))) {
                at++;
            }
            int n = Integer.parseInt(s.substring(start, at));
            if (n > 100_000) {
                throw new IllegalArgumentException("too long: " + n);
            }
            return n;
        }

        private void expect(char c) {
            if (s.charAt(at++) != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + (at - 1));
            }
        }
    }
}
