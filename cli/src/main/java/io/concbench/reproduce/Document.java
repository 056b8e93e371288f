package io.concbench.reproduce;

import io.concbench.harness.result.HostInfo;
import io.concbench.report.MdTable;
import io.concbench.report.Units;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Renders chapter-tables.md from the manifest and the judged tables. Pure: reads nothing itself. */
final class Document {

    private static final double GIB = ThreadTables.GIB;

    private Document() {}

    /** The chapter rendered from {@link ChapterText#RESOURCE}, as the project carries it; links from a run directory. */
    static final String CHAPTER_DOC = "docs/chapter.md";
    private static final String CHAPTER_LINK = "../../../" + CHAPTER_DOC;

    static String render(Manifest m, List<TableResult> tables, Evidence.Noise noise) {
        StringBuilder b = new StringBuilder();
        b.append("# The chapter's tables, re-measured\n\n");
        b.append("`concbench reproduce").append(m.mode().equals(Settings.QUICK) ? " --quick" : "")
                .append(tables.size() == Chapter.ids().size() ? "" : " --tables " + String.join(",", m.tables()))
                .append("`, ").append(m.startedAt()).append(m.finishedAt().isEmpty() ? " (unfinished)" : " – " + m.finishedAt()
                        + " (" + minutes(m) + ")").append(". It re-measures, claim by claim, the result tables of the chapter \"" + ChapterText.title()
                        + "\" (in English, as the project carries them: [" + CHAPTER_DOC + "](" + CHAPTER_LINK + "), from `"
                        + ChapterText.RESOURCE + "`), which speaks of Go. Here a virtual thread stands for a goroutine, a platform "
                        + "thread for an OS thread, an NIO Selector reactor for an epoll loop, and N JVMs sharing one port with "
                        + "SO_REUSEPORT for the chapter's multi-process mode.\n\n");
        HostInfo h = m.host();
        MdTable about = MdTable.compact("", "");
        about.row("machine", h.cpuModel() + ", " + h.cores() + " cores, kernel " + h.kernel() + ", " + h.os() + ", "
                + Units.sig3(h.memTotalBytes() / GIB) + " GiB RAM");
        about.row("the chapter's machine", "T6 states 4 cores and 8 GB; the other tables state none");
        about.row("JDK", m.jdk() + " (" + m.java() + "), for reproduce, compare's servers and clients, and JMH");
        about.row("mode", m.settings());
        about.row("pinning", "per experiment, under Experiments at the end: compare's memory step pins the server to CPU 0 and its "
                + "client to CPU 1; T6 and T13 run unpinned, as the chapter ran ab on the server's machine; JMH runs unpinned except "
                + "the one-CPU context-switch run (taskset -c 0)");
        about.row("load average", "at start " + m.loadAverageAtStart() + ", at end " + (m.loadAverageAtEnd().isEmpty() ? "–" : m.loadAverageAtEnd())
                + " (other work on the machine shows here, and as noise in the figures)");
        b.append(about.render()).append('\n');
        b.append("Every figure after \"here:\" and in the \"measured here\" columns was read back from the JSON files beside this "
                + "document; the source column names the file and the field. `claims.json` holds the same verdicts for machines, "
                + "`experiments.json` how each experiment went.\n\n");

        b.append(Findings.render(m, tables, noise));

        b.append("## Verdicts at a glance\n\n");
        List<String> head = new ArrayList<>(List.of("table", ">claims"));
        for (Verdict v : Verdict.values()) {
            head.add(">" + v.label());
        }
        MdTable glance = new MdTable(head.toArray(String[]::new));
        for (TableResult t : tables) {
            Map<Verdict, Integer> c = counts(t);
            List<String> row = new ArrayList<>(List.of("[" + t.id() + "](#" + anchor(t) + ") " + t.title(), Integer.toString(t.claims().size())));
            for (Verdict v : Verdict.values()) {
                row.add(n(c, v));
            }
            glance.row(row);
        }
        Map<Verdict, Integer> total = Findings.counts(tables);
        List<String> all = new ArrayList<>(List.of("all", Integer.toString(tables.stream().mapToInt(t -> t.claims().size()).sum())));
        for (Verdict v : Verdict.values()) {
            all.add(n(total, v));
        }
        glance.row(all);
        b.append(glance.render()).append('\n');

        b.append("## How claims are judged\n\n");
        for (String rule : Rules.describe()) {
            b.append("- ").append(rule).append('\n');
        }
        b.append('\n');

        for (TableResult t : tables) {
            table(b, m, t);
        }

        b.append("## Experiments\n\n");
        MdTable ex = MdTable.compact("experiment", "what", "status", ">time", "pinning", "command");
        for (Manifest.ExperimentRecord r : m.experiments()) {
            ex.row(r.id(), r.title(), r.ok() ? "ok" : "failed: " + r.failure(), Units.sig3(r.seconds()) + " s", r.pinning(),
                    "`" + r.command() + "`");
        }
        b.append(ex.render());
        return b.toString();
    }

    private static void table(StringBuilder b, Manifest m, TableResult t) {
        b.append("## ").append(t.id()).append(" — ").append(t.title()).append("\n\n");
        b.append("As the chapter printed it, with what we measured after \"here:\".\n\n");
        MdTable printed = MdTable.compact(t.header().toArray(String[]::new));
        t.rows().forEach(printed::row);
        b.append(printed.render()).append('\n');
        for (String n : t.printedNotes()) {
            b.append("> ").append(n).append("\n\n");
        }
        MdTable claims = MdTable.compact(">#", "claim", "claimed", "measured here", "verdict", "why", "rests on", "source");
        for (ClaimResult c : t.claims()) {
            claims.row(Integer.toString(c.number()), c.claim(), c.claimed(), c.measured(), "**" + c.verdict().label() + "**",
                    c.why(), c.basis(), c.source().isEmpty() ? Units.NONE : "`" + c.source() + "`");
        }
        b.append(claims.render()).append('\n');
        for (String n : t.notes()) {
            b.append("- ").append(n).append('\n');
        }
        if (!t.notes().isEmpty()) {
            b.append('\n');
        }
        for (TableResult.Detail d : t.details()) {
            b.append("**").append(d.heading()).append("**\n\n").append(d.markdown()).append('\n');
        }
        b.append("Measured by:\n");
        for (String id : t.experiments()) {
            Manifest.ExperimentRecord r = m.experiments().stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
            b.append("- `").append(id).append("`").append(r == null ? ": not run\n"
                    : " (" + (r.ok() ? "ok" : "failed") + "): `" + r.command() + "`\n");
        }
        b.append('\n');
    }

    static Map<Verdict, Integer> counts(TableResult t) {
        Map<Verdict, Integer> c = new EnumMap<>(Verdict.class);
        t.claims().forEach(cl -> c.merge(cl.verdict(), 1, Integer::sum));
        return c;
    }

    /** "3 hold, 1 in direction only, ..." for progress lines. */
    static String summary(TableResult t) {
        Map<Verdict, Integer> c = counts(t);
        StringBuilder b = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            if (c.containsKey(v)) {
                b.append(b.isEmpty() ? "" : ", ").append(c.get(v)).append(' ').append(v.label());
            }
        }
        return b.isEmpty() ? "no claims" : b.toString();
    }

    private static String n(Map<Verdict, Integer> c, Verdict v) {
        return Integer.toString(c.getOrDefault(v, 0));
    }

    /** GitHub's heading anchor for "## T1 — Title (ch. 1)". */
    static String anchor(TableResult t) {
        String heading = t.id() + " — " + t.title();
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 \\-]", "").replace(' ', '-');
    }

    private static String minutes(Manifest m) {
        try {
            Duration d = Duration.between(Instant.parse(m.startedAt()), Instant.parse(m.finishedAt()));
            return d.toMinutes() + " min " + d.toSecondsPart() + " s";
        } catch (RuntimeException e) {
            return "duration unknown";
        }
    }
}
