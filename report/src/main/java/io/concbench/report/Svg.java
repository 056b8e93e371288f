package io.concbench.report;

import java.util.Locale;

/**
 * A tiny SVG writer. Every text and attribute value goes through {@link #escape}, so model names or
 * targets with {@code <}, {@code &} or quotes still give well-formed XML. Coordinates are written
 * with one decimal in {@link Locale#ROOT}: the output is the same bytes on every machine.
 */
final class Svg {

    static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
    static final int FONT_SIZE = 12;
    static final String BACKGROUND = "#ffffff";

    private final StringBuilder b = new StringBuilder();

    Svg(double width, double height, String title) {
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width))
                .append("\" height=\"").append(num(height)).append("\" viewBox=\"0 0 ")
                .append(num(width)).append(' ').append(num(height)).append("\" font-family=\"").append(escape(FONT))
                .append("\" font-size=\"").append(FONT_SIZE).append("\">\n");
        b.append("<title>").append(escape(title)).append("</title>\n");
        // Without a background a PNG export or a dark-mode viewer shows the lines on black.
        element("rect", "x", "0", "y", "0", "width", num(width), "height", num(height), "fill", BACKGROUND);
    }

    /** {@code <tag a="v" ...>}; attributes come as name, value pairs; a null value drops the attribute. */
    Svg open(String tag, String... attributes) {
        b.append('<').append(tag);
        attributes(attributes);
        b.append(">\n");
        return this;
    }

    Svg close(String tag) {
        b.append("</").append(tag).append(">\n");
        return this;
    }

    /** {@code <tag a="v" .../>}. */
    Svg element(String tag, String... attributes) {
        b.append('<').append(tag);
        attributes(attributes);
        b.append("/>\n");
        return this;
    }

    /** {@code <text ...>text</text>}. */
    Svg text(String text, String... attributes) {
        b.append("<text");
        attributes(attributes);
        b.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    String finish() {
        return b + "</svg>\n";
    }

    private void attributes(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                b.append(' ').append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
            }
        }
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** XML-escapes text and attribute values, and drops characters XML 1.0 forbids. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || c >= ' ' && c != 0xFFFE && c != 0xFFFF) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
