package io.concbench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MdTableTest {

    @Test
    void paddedTableAlignsColumns() {
        MdTable t = new MdTable("model", ">QPS");
        t.row("virtual", "12.3k");
        assertEquals("""
                | model   |   QPS |
                | ------- | ----: |
                | virtual | 12.3k |
                """, t.render());
    }

    @Test
    void compactTableIsUnpaddedAndEscapesCells() {
        MdTable t = MdTable.compact("claim", ">#");
        t.row(List.of("a | b\nc", "1"));
        assertEquals("""
                | claim | # |
                |---|---:|
                | a \\| b c | 1 |
                """, t.render());
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThrows(IllegalStateException.class, () -> MdTable.compact("a", "b").row(List.of("1")));
    }
}
