package io.concbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown our own summaries use, as HTML: headings, bullet lists, pipe tables, paragraphs, and
 * inline bold, code and links. Not a general Markdown parser: it reads what {@link MarkdownSummary}
 * and {@link MdTable} write. Image lines are handed to {@code image}, which returns the HTML that
 * takes their place (report.html puts an interactive chart where summary.md links an SVG).
 */
final class MdHtml {

    private static final Pattern IMAGE = Pattern.compile("^!\\[([^\\]]*)]\\(([^)]*)\\)$");
    private static final Pattern INLINE = Pattern.compile("\\*\\*(.+?)\\*\\*|`([^`]+)`|\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    private MdHtml() {}

    /** {@code image} gets (alt text, link) and returns HTML. */
    static String render(String markdown, java.util.function.BiFunction<String, String, String> image) {
        StringBuilder b = new StringBuilder();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); ) {
            String line = lines.get(i);
            Matcher img = IMAGE.matcher(line.trim());
            if (line.isBlank()) {
                i++;
            } else if (img.matches()) {
                b.append(image.apply(img.group(1), img.group(2))).append('\n');
                i++;
            } else if (line.startsWith("    ")) {
                b.append("<pre>");
                for (; i < lines.size() && (lines.get(i).startsWith("    ") || lines.get(i).isBlank()); i++) {
                    b.append(escape(lines.get(i).strip())).append('\n');
                }
                b.append("</pre>\n");
            } else if (line.startsWith("#")) {
                int level = (int) line.chars().takeWhile(c -> c == '#').count();
                b.append("<h").append(level).append('>').append(inline(line.substring(level).trim()))
                        .append("</h").append(level).append(">\n");
                i++;
            } else if (line.startsWith("- ")) {
                b.append("<ul>\n");
                for (; i < lines.size() && lines.get(i).startsWith("- "); i++) {
                    b.append("<li>").append(inline(lines.get(i).substring(2))).append("</li>\n");
                }
                b.append("</ul>\n");
            } else if (line.startsWith("|")) {
                List<String> rows = new ArrayList<>();
                for (; i < lines.size() && lines.get(i).startsWith("|"); i++) {
                    rows.add(lines.get(i));
                }
                table(b, rows);
            } else {
                List<String> para = new ArrayList<>();
                for (; i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).startsWith("|")
                        && !lines.get(i).startsWith("#") && !IMAGE.matcher(lines.get(i).trim()).matches(); i++) {
                    para.add(lines.get(i));
                }
                b.append("<p>").append(inline(String.join(" ", para))).append("</p>\n");
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, List<String> rows) {
        List<String> header = cells(rows.get(0));
        List<String> align = rows.size() > 1 ? cells(rows.get(1)) : List.of();
        boolean hasRule = !align.isEmpty() && align.stream().allMatch(c -> c.matches(":?-+:?"));
        b.append("<div class=\"table\"><table>\n<thead><tr>");
        for (String h : header) {
            b.append("<th>").append(inline(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int r = hasRule ? 2 : 1; r < rows.size(); r++) {
            List<String> cs = cells(rows.get(r));
            b.append("<tr>");
            for (int c = 0; c < cs.size(); c++) {
                boolean right = hasRule && c < align.size() && align.get(c).endsWith(":");
                b.append(right ? "<td class=\"num\">" : "<td>").append(inline(cs.get(c))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");
    }

    /** The cells of {@code | a | b \| c |}: split on unescaped pipes, trimmed, escapes undone. */
    static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String body = row.trim();
        body = body.substring(1, body.endsWith("|") && !body.endsWith("\\|") ? body.length() - 1 : body.length());
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (ch == '|') {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString().trim());
        return out;
    }

    /** Escapes the text, then turns {@code **b**}, {@code `code`} and {@code [text](url)} into HTML. */
    static String inline(String text) {
        Matcher m = INLINE.matcher(text);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            b.append(escape(text.substring(last, m.start())));
            if (m.group(1) != null) {
                b.append("<strong>").append(inline(m.group(1))).append("</strong>");
            } else if (m.group(2) != null) {
                b.append("<code>").append(escape(m.group(2))).append("</code>");
            } else {
                b.append("<a href=\"").append(escape(m.group(4))).append("\">").append(escape(m.group(3))).append("</a>");
            }
            last = m.end();
        }
        return b.append(escape(text.substring(last))).toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
