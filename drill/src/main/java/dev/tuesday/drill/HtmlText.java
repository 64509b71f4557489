package dev.tuesday.drill;

import java.util.Locale;

/** Small helpers for writing HTML and SVG by hand: escaping and number formatting. */
final class HtmlText {

    private HtmlText() {
    }

    /** Text safe inside an element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A coordinate with one decimal, never in exponent form. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A count with thin grouping: {@code 12 345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u202f');
    }
}
