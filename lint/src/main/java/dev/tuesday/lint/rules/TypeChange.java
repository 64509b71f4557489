package dev.tuesday.lint.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a column type change means for the version still running, judged from the types before and
 * after as {@code format_type} prints them.
 */
enum TypeChange {
    /** Every value the old type held, and the old code writes, still fits. */
    WIDENING,
    /** The new type rejects values the old one accepted. */
    NARROWING,
    /** A different kind of type: the running code reads and writes something else. */
    OTHER;

    private static final Pattern SIZED = Pattern.compile("([a-z ]+?)\\s*(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?(\\[\\])?");
    private static final Map<String, Integer> INTEGER_BYTES = Map.of("smallint", 2, "integer", 4, "bigint", 8);
    private static final Map<String, Integer> FLOAT_BYTES = Map.of("real", 4, "double precision", 8);

    static TypeChange classify(String before, String after) {
        if (before.equals(after)) {
            return WIDENING;
        }
        Matcher b = SIZED.matcher(before.strip());
        Matcher a = SIZED.matcher(after.strip());
        if (!b.matches() || !a.matches() || (b.group(4) == null) != (a.group(4) == null)) {
            return OTHER;
        }
        String bt = b.group(1).strip();
        String at = a.group(1).strip();
        Integer bl = b.group(2) == null ? null : Integer.valueOf(b.group(2));
        Integer al = a.group(2) == null ? null : Integer.valueOf(a.group(2));
        if (INTEGER_BYTES.containsKey(bt)) {
            if (INTEGER_BYTES.containsKey(at)) {
                return INTEGER_BYTES.get(at) >= INTEGER_BYTES.get(bt) ? WIDENING : NARROWING;
            }
            return at.equals("numeric") ? (al == null || al - scale(a) >= 19 ? WIDENING : NARROWING) : OTHER;
        }
        if (FLOAT_BYTES.containsKey(bt) && FLOAT_BYTES.containsKey(at)) {
            return FLOAT_BYTES.get(at) >= FLOAT_BYTES.get(bt) ? WIDENING : NARROWING;
        }
        if (isText(bt) && isText(at)) {
            if (at.equals("character") && !bt.equals("character")) {
                return OTHER;
            }
            if (al == null || at.equals("text")) {
                return WIDENING;
            }
            Integer beforeLength = bt.equals("text") ? null : bl;
            return beforeLength != null && al >= beforeLength ? WIDENING : NARROWING;
        }
        if (bt.equals("numeric") && at.equals("numeric")) {
            if (al == null) {
                return WIDENING;
            }
            if (bl == null) {
                return NARROWING;
            }
            return scale(a) >= scale(b) && al - scale(a) >= bl - scale(b) ? WIDENING : NARROWING;
        }
        if (bt.startsWith("timestamp") && at.startsWith("timestamp")) {
            return WIDENING;
        }
        return OTHER;
    }

    private static int scale(Matcher m) {
        return m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    }

    private static boolean isText(String t) {
        return t.equals("text") || t.equals("character varying") || t.equals("character");
    }
}
