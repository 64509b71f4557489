package dev.tuesday.lint;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds migration files and puts them in the order they run: Flyway's {@code V<version>__…} by
 * version, then repeatable {@code R__…}, other names in natural order (numbers compared as numbers).
 */
public final class MigrationFiles {

    private static final Pattern FLYWAY = Pattern.compile("^([VvRr])([0-9._]*)__.*");

    private MigrationFiles() {}

    /** Whether {@code file} looks like a migration: {@code .sql}, {@code .yaml}, {@code .yml} or {@code .json}. */
    public static boolean isMigration(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".sql") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json"))
                && !n.equals(LintConfig.FILE_NAME);
    }

    /** Whether {@code file} holds Tuesday (pgroll) operations rather than SQL. */
    public static boolean isOperations(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    /**
     * The migration files of {@code paths}, in running order: a folder gives its migrations (sorted),
     * a file itself.
     *
     * @throws LintException naming the path when it does not exist
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                out.addAll(inFolder(p));
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new LintException(p + ": no such file or folder");
            }
        }
        return out;
    }

    /** The migrations in {@code folder} (not its sub-folders), in running order. */
    public static List<Path> inFolder(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(MigrationFiles::isMigration).sorted(ORDER).toList();
        } catch (IOException e) {
            throw new LintException(folder + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    /** The migrations of {@code file}'s folder that run before it. */
    public static List<Path> preceding(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null) {
            return List.of();
        }
        Path self = file.toAbsolutePath().normalize();
        return inFolder(folder).stream().map(p -> p.toAbsolutePath().normalize())
                .filter(p -> ORDER.compare(p, self) < 0).toList();
    }

    /** Flyway versions first, then repeatables, then natural order. */
    public static final Comparator<Path> ORDER = (a, b) -> {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        Matcher mx = FLYWAY.matcher(x);
        Matcher my = FLYWAY.matcher(y);
        int rx = mx.matches() ? (mx.group(1).equalsIgnoreCase("v") ? 0 : 1) : 2;
        int ry = my.matches() ? (my.group(1).equalsIgnoreCase("v") ? 0 : 1) : 2;
        if (rx != ry) {
            return Integer.compare(rx, ry);
        }
        if (rx == 0) {
            int c = compareVersions(mx.group(2), my.group(2));
            if (c != 0) {
                return c;
            }
        }
        return natural(x, y);
    };

    private static int compareVersions(String a, String b) {
        String[] pa = a.split("[._]");
        String[] pb = b.split("[._]");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            BigInteger va = i < pa.length && !pa[i].isEmpty() ? new BigInteger(pa[i]) : BigInteger.ZERO;
            BigInteger vb = i < pb.length && !pb[i].isEmpty() ? new BigInteger(pb[i]) : BigInteger.ZERO;
            int c = va.compareTo(vb);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static final Pattern CHUNK = Pattern.compile("\\d+|\\D+");

    static int natural(String a, String b) {
        Matcher ma = CHUNK.matcher(a);
        Matcher mb = CHUNK.matcher(b);
        while (ma.find() && mb.find()) {
            String ca = ma.group();
            String cb = mb.group();
            int c = Character.isDigit(ca.charAt(0)) && Character.isDigit(cb.charAt(0))
                    ? new BigInteger(ca).compareTo(new BigInteger(cb)) : ca.compareTo(cb);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
