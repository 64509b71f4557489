package dev.tuesday.migrate.internal;

import dev.tuesday.migrate.Migration;
import dev.tuesday.migrate.internal.DependentReader.Found;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The contract played inside {@link DependentReader}'s rolled-back transaction, once the columns
 * carry their shadows' names: each replaced column is put aside and a column of the new type
 * added under the shadow's name; views are redefined on it (or, when their columns' types
 * change, dropped with the views built on them and made again, see {@link ViewChain}), check
 * constraints and materialized views made on it; the new column then takes the column's name and
 * triggers, policies and statistics are made again from their own definitions. What fails is
 * refused, naming the object and PostgreSQL's reason, before anything has changed.
 */
final class Rehearsal {

    private Rehearsal() {
    }

    /** The contract played on columns of the new types, inside the reading transaction. */
    static void rehearse(Connection c, Migration m, String schema, List<ColumnSwap> swaps, List<Found> found,
            List<Dependent> carried, Map<Long, ViewChain> chains) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < swaps.size(); i++) {
                ColumnSwap swap = swaps.get(i);
                String table = Sql.qualified(schema, swap.table());
                s.execute("ALTER TABLE " + table + " RENAME COLUMN " + Sql.ident(swap.shadow()) + " TO "
                        + Sql.ident("_tuesday_rehearsal_" + i));
                s.execute("ALTER TABLE " + table + " ADD COLUMN " + Sql.ident(swap.shadow()) + " " + swap.type());
            }
            // carried holds the objects of found, in the same order.
            for (int k = 0; k < carried.size(); k++) {
                Dependent d = carried.get(k);
                if (d.kind() == Dependent.Kind.VIEW && !replaces(c, d.release())) {
                    // Its columns change type: dropped, with the views built on it, and made again.
                    ViewChain chain = chains.get(found.get(k).objid());
                    if (chain.refusal() != null) {
                        throw DependentReader.refuse(m.source(), d.swap(), d.name(), "its columns change type, so it must be made again, and "
                                + chain.refusal() + " would be lost", "drop them before the migration and create them again after");
                    }
                    attempt(c, m, d, String.join(";\n", chain.drops()), "it cannot be dropped to be made again");
                    carried.set(k, new Dependent(d.kind(), d.name(), d.swap(), null, null, String.join(";\n", chain.drops()),
                            chain.creates(), null, null, null));
                }
            }
            for (Dependent d : carried) {
                switch (d.kind()) {
                    case VIEW -> {
                        if (d.restore().isEmpty()) {
                            attempt(c, m, d, d.release(), "it would not read the new column as it reads this one");
                        }
                    }
                    case CONSTRAINT -> attempt(c, m, d, d.build(), "it does not hold on the new column's type");
                    case MATERIALIZED_VIEW -> attempt(c, m, d, d.build().replace(" WITH DATA", " WITH NO DATA"),
                            "it cannot be built on the new column");
                    default -> { }
                }
            }
            for (ColumnSwap swap : swaps) {
                s.execute("ALTER TABLE " + Sql.qualified(schema, swap.table()) + " RENAME COLUMN "
                        + Sql.ident(swap.shadow()) + " TO " + Sql.ident(swap.completeName()));
            }
            for (Dependent d : carried) {
                if (d.kind() == Dependent.Kind.VIEW && !d.restore().isEmpty()) {
                    attempt(c, m, d, String.join(";\n", d.restore()), "it cannot be made again on the new column");
                }
                if (d.kind() == Dependent.Kind.TRIGGER || d.kind() == Dependent.Kind.POLICY
                        || d.kind() == Dependent.Kind.STATISTICS) {
                    attempt(c, m, d, d.release() + ";\n" + String.join(";\n", d.restore()),
                            "it cannot be made again on the new column");
                }
            }
        }
    }

    /** Whether {@code CREATE OR REPLACE VIEW} works, or fails only because the view's column types change. */
    private static boolean replaces(Connection c, String sql) throws SQLException {
        java.sql.Savepoint savepoint = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            c.rollback(savepoint);
            if ("42P16".equals(e.getSQLState())) {
                return false;
            }
            if ("55P03".equals(e.getSQLState())) {
                throw e;
            }
            return true; // Any other failure is reported by the rehearsal itself.
        }
    }

    private static void attempt(Connection c, Migration m, Dependent d, String sql, String reason) throws SQLException {
        java.sql.Savepoint savepoint = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(savepoint);
            String why = e.getMessage() == null ? e.getSQLState() : e.getMessage().lines().findFirst().orElse("");
            if (why.startsWith("ERROR: ")) {
                why = why.substring("ERROR: ".length());
            }
            throw DependentReader.refuse(m.source(), d.swap(), d.name(), reason + " (" + why + ")",
                    "change it first so it fits the new column, or drop it before the migration and create it again after");
        }
        c.releaseSavepoint(savepoint);
    }
}
