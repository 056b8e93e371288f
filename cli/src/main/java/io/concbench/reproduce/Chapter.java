package io.concbench.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The chapter's thirteen tables, T1 to T13, in the chapter's order. */
final class Chapter {

    private static final List<ChapterTable> TABLES = List.of(
            ThreadTables.t1(), ThreadTables.t2(), ServerTables.t3(), ServerTables.t4(), BenchTables.t5(), ServerTables.t6(),
            BenchTables.t7(), BenchTables.t8(), BenchTables.t9(), ThreadTables.t10(), ServerTables.t11(), BenchTables.t12(),
            ServerTables.t13());

    private Chapter() {}

    static List<ChapterTable> all() {
        return TABLES;
    }

    static List<String> ids() {
        return TABLES.stream().map(ChapterTable::id).toList();
    }

    /**
     * The tables named, in the chapter's order; none named means all.
     *
     * @throws IllegalArgumentException naming an unknown id and the valid ones
     */
    static List<ChapterTable> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return TABLES;
        }
        List<String> wanted = new ArrayList<>();
        for (String raw : ids) {
            String id = raw.trim().toUpperCase(Locale.ROOT);
            if (!ids().contains(id)) {
                throw new IllegalArgumentException("--tables: unknown table '" + raw.trim() + "'; valid ids: "
                        + String.join(", ", ids()) + " (e.g. --tables T6,T11)");
            }
            wanted.add(id);
        }
        return TABLES.stream().filter(t -> wanted.contains(t.id())).toList();
    }
}
