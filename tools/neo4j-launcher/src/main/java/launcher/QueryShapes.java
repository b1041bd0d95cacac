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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.neo4j.gqlstatus.ErrorGqlStatusObject;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.kernel.api.query.ExecutingQuery;
import org.neo4j.kernel.impl.query.QueryExecutionMonitor;
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
 * bucket: 0, 1, 2-10, 11-100, ...), and only a real run fills that cache; EXPLAIN does not (measured on links/list:
 * a run after its EXPLAIN 50-90 ms, after a rolled-back run of the same shape 6-12 ms, with other
 * types or sizes 50-90 ms again).
 *
 * What is kept is a shape, never a value: for each parameter its type, a string's length, a list's
 * elements' shapes, a map's keys. A replay builds stand-in values of that shape ("xxx", 0, false),
 * so the file holds nothing of the graph or of the requests. Only texts named in the warm-up list
 * are recorded, at most MAX_SHAPES size classes per name (the most recently used), and the file
 * is rewritten when a class comes or goes, at most every WRITE_EVERY_MS, so a SIGKILL loses only
 * the last seconds of it.
 *
 * Format, one shape per line, most recently used first: {@code name<TAB>shape}, where a shape is
 * {@code n} (null), {@code b}, {@code i}, {@code f}, {@code s<length>}, {@code l<size>[shape,...]}
 * or {@code m{key=shape,...}}; the parameters themselves are the top-level map.
 */
final class QueryShapes implements QueryExecutionMonitor {
    static final String FILE_NAME = "query-shapes.txt";
    /** Distinct shapes kept per query: filters that are sometimes null give a few per read. */
    static final int MAX_SHAPES = 4;
    private static final long WRITE_EVERY_MS = 2000;
    /** Longer lists are not recorded: their stand-in would be as big, and such runs are rare. */
    private static final int MAX_LIST = 64;
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A string length or list size: a value (followed by , ] } [ or the end), never a key (followed by =). */
    private static final Pattern SIZE = Pattern.compile("([sl])(\\d+)(?=[,\\]}\\[]|$)");

    private final Path file;
    private final Map<String, String> nameByText;
    /** name -> (size class of a shape -> the shape last seen in that class), oldest first. */
    private final Map<String, LinkedHashMap<String, String>> shapes = new HashMap<>();
    private boolean dirty;

    QueryShapes(Path file, Map<String, String> nameByText) {
        this.file = file;
        this.nameByText = nameByText;
        load();
    }

    /** How many shapes are recorded, over all queries. */
    synchronized int count() {
        return shapes.values().stream().mapToInt(Map::size).sum();
    }

    /** The recorded shapes of a listed query, most recently used first. */
    synchronized List<String> of(String name) {
        LinkedHashMap<String, String> byClass = shapes.get(name);
        List<String> out = new ArrayList<>(byClass == null ? List.of() : byClass.values());
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
        String name = nameByText.get(query.rawQueryText());
        if (name == null) {
            return;
        }
        String shape = shapeOf(query.rawQueryParameters());
        if (shape != null) {
            record(name, shape);
        }
    }

    synchronized void record(String name, String shape) {
        LinkedHashMap<String, String> byClass = shapes.computeIfAbsent(name, n -> new LinkedHashMap<>());
        String sizeClass = sizeClass(shape);
        // Any shape of a class plans alike: the first one stays, only its recency moves.
        String known = byClass.remove(sizeClass);
        byClass.put(sizeClass, known != null ? known : shape);
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
        for (Map.Entry<String, LinkedHashMap<String, String>> e : new TreeMap<>(shapes).entrySet()) {
            List<String> recent = new ArrayList<>(e.getValue().values());
            Collections.reverse(recent);
            for (String shape : recent) {
                out.append(e.getKey()).append('\t').append(shape).append('\n');
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
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    continue;
                }
                String name = line.substring(0, tab);
                String shape = line.substring(tab + 1);
                if (nameByText.containsValue(name) && valuesOf(shape) != null) {
                    record(name, shape);
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

    // The other notifications carry nothing to record.
    @Override
    public void startProcessing(ExecutingQuery query) {}

    @Override
    public void startExecution(ExecutingQuery query) {}

    @Override
    public void endFailure(ExecutingQuery query, Throwable failure) {}

    @Override
    public void endFailure(ExecutingQuery query, String reason, Status status, ErrorGqlStatusObject gql) {}
}
