package dev.tuesday.spring;

/**
 * The {@code search_path} of a connection set to one version schema, with the schema's name
 * quoted as an identifier: {@code public_02_full_name}, {@code Public_V2} and {@code we"ird} each
 * name exactly that schema, never a list of schemas nor a folded-case one.
 */
final class SearchPath {

    private SearchPath() {
    }

    /** {@code schema} as a quoted identifier: {@code "we""ird"}. */
    static String quote(String schema) {
        if (schema.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("tuesday.version-schema must not contain a NUL character");
        }
        return '"' + schema.replace("\"", "\"\"") + '"';
    }

    /** The statement that makes {@code schema} the connection's search path. */
    static String setStatement(String schema) {
        return "SET search_path TO " + quote(schema);
    }
}
