package io.concbench.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.concbench.harness.result.Json;
import io.concbench.report.Units;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chapter as it prints its tables, and the numbers it claims, from {@value #RESOURCE} beside
 * this class: the one place the chapter's text and figures are written down. Judges ask for a
 * claimed number by table and key when their class loads, so a key missing from the file stops
 * {@code concbench reproduce} at start-up with the key's name, not half-way through a run.
 */
final class ChapterText {

    static final String RESOURCE = "chapter.json";

    /**
     * One table as printed.
     *
     * @param section where it is in the chapter: "ch. 1", "2.4"
     * @param notes what the chapter prints beside the table (setup, a claim in words)
     * @param claims each claimed number the judges use, in the unit its key names; a list holds one number per printed row
     */
    record Printed(String id, String title, String section, List<String> columns, List<List<String>> rows,
                   List<String> notes, Map<String, JsonNode> claims) {

        Printed {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            notes = List.copyOf(notes);
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        }

        /** As the chapter heads it: "Memory layout (2.2)". */
        String heading() {
            return title + " (" + section + ")";
        }
    }

    private static final JsonNode ROOT = read();
    private static final Map<String, Printed> TABLES = load();
    /** table/key pairs the judges asked for, so a test can tell which claimed numbers nothing reads. */
    private static final Set<String> ASKED = ConcurrentHashMap.newKeySet();

    private ChapterText() {}

    /** The chapter's title in English, as the project renders it. */
    static String title() {
        return ROOT.path("title").asText();
    }

    /** The chapter's title as printed, in its own language. */
    static String titleAsPrinted() {
        return ROOT.path("titleAsPrinted").asText();
    }

    /** Each judged claim of table {@code id} in a short English sentence, in claim order. */
    static List<String> statements(String id) {
        for (JsonNode t : ROOT.path("tables")) {
            if (t.path("id").asText().equals(id)) {
                return strings(t.path("statements"));
            }
        }
        return List.of();
    }

    /** Where the project keeps the chapter rendered for readers, relative to the project root. */
    static final String MARKDOWN = "docs/chapter.md";

    /** The chapter as {@value #MARKDOWN} shows it: title, each table as printed, its notes and its claims in words. */
    static String markdown() {
        StringBuilder b = new StringBuilder("# " + title() + "\n\n");
        b.append("As printed: ").append(titleAsPrinted()).append("\n\n");
        b.append(ROOT.path("about").asText()).append(" Generated from `cli/src/main/resources/io/concbench/reproduce/")
                .append(RESOURCE).append("` (ChapterDocTest fails when this file differs from it). The verdicts: ")
                .append("`concbench reproduce`, whose latest run README links.\n\n");
        for (Printed t : TABLES.values()) {
            b.append("## ").append(t.id()).append(" — ").append(t.heading()).append("\n\n");
            io.concbench.report.MdTable table = io.concbench.report.MdTable.compact(t.columns().toArray(String[]::new));
            t.rows().forEach(table::row);
            b.append(table.render()).append('\n');
            for (String n : t.notes()) {
                b.append("> ").append(n).append("\n\n");
            }
            List<String> st = statements(t.id());
            if (!st.isEmpty()) {
                b.append("Its claims, as `reproduce` numbers them:\n\n");
                for (int i = 0; i < st.size(); i++) {
                    b.append(i + 1).append(". ").append(st.get(i)).append('\n');
                }
                b.append('\n');
            }
        }
        return b.toString().stripTrailing() + "\n";
    }

    /** Every table in the chapter's order. */
    static List<Printed> tables() {
        return List.copyOf(TABLES.values());
    }

    /** @throws IllegalStateException when the resource has no such table */
    static Printed table(String id) {
        Printed t = TABLES.get(id);
        if (t == null) {
            throw new IllegalStateException(RESOURCE + " has no table " + id + "; it has " + String.join(", ", TABLES.keySet()));
        }
        return t;
    }

    /** A claimed number. @throws IllegalStateException when the key is missing or not one number */
    static double claim(String table, String key) {
        JsonNode n = node(table, key);
        if (!n.isNumber()) {
            throw new IllegalStateException(RESOURCE + ": " + table + " claim '" + key + "' is " + n + ", not a number");
        }
        return n.asDouble();
    }

    /** A claimed number per printed row, in row order. @throws IllegalStateException when the key is missing or not a list of numbers */
    static double[] claims(String table, String key) {
        JsonNode n = node(table, key);
        if (!n.isArray() || !n.valueStream().allMatch(JsonNode::isNumber)) {
            throw new IllegalStateException(RESOURCE + ": " + table + " claim '" + key + "' is " + n + ", not a list of numbers");
        }
        int rows = table(table).rows().size();
        if (n.size() != rows) {
            throw new IllegalStateException(RESOURCE + ": " + table + " claim '" + key + "' must hold one number per printed row ("
                    + rows + "), not " + n);
        }
        return n.valueStream().mapToDouble(JsonNode::asDouble).toArray();
    }

    /** A claimed number as the chapter prints it: 8,200; 12.1; 2. */
    static String number(double v) {
        return v == Math.rint(v) ? Units.grouped((long) v) : Units.raw(v);
    }

    /** "T6/cores" for every claimed number in the resource that no judge asked for. */
    static List<String> unasked() {
        List<String> out = new ArrayList<>();
        for (Printed t : TABLES.values()) {
            for (String key : t.claims().keySet()) {
                if (!ASKED.contains(t.id() + "/" + key)) {
                    out.add(t.id() + "/" + key);
                }
            }
        }
        return out;
    }

    private static JsonNode node(String table, String key) {
        JsonNode n = table(table).claims().get(key);
        if (n == null) {
            throw new IllegalStateException(RESOURCE + ": " + table + " has no claim '" + key + "'; it has "
                    + String.join(", ", table(table).claims().keySet()));
        }
        ASKED.add(table + "/" + key);
        return n;
    }

    private static JsonNode read() {
        try (InputStream in = ChapterText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path beside " + ChapterText.class.getName());
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " cannot be read", e);
        }
    }

    private static Map<String, Printed> load() {
        {
            Map<String, Printed> tables = new LinkedHashMap<>();
            for (JsonNode t : ROOT.path("tables")) {
                Printed p = new Printed(text(t, "id"), text(t, "title"), text(t, "section"), strings(t.path("columns")),
                        t.path("rows").valueStream().map(ChapterText::strings).toList(), strings(t.path("notes")), fields(t.path("claims")));
                for (List<String> r : p.rows()) {
                    if (r.size() != p.columns().size()) {
                        throw new IllegalStateException(RESOURCE + ": " + p.id() + " row " + r + " has " + r.size() + " cells for "
                                + p.columns().size() + " columns");
                    }
                }
                if (tables.put(p.id(), p) != null) {
                    throw new IllegalStateException(RESOURCE + " has table " + p.id() + " twice");
                }
            }
            return tables;
        }
    }

    private static String text(JsonNode t, String field) {
        JsonNode n = t.path(field);
        if (!n.isTextual()) {
            throw new IllegalStateException(RESOURCE + ": a table has no text '" + field + "': " + t.path("id"));
        }
        return n.asText();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }
}
