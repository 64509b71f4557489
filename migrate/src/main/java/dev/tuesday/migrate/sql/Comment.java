package dev.tuesday.migrate.sql;

/**
 * A comment found in a SQL text: {@code -- …} to the end of the line, or a block comment.
 *
 * @param text the comment without its delimiters, stripped
 * @param line the 1-based line on which it starts
 * @param start offset of the comment in the source
 */
public record Comment(String text, int line, int start) {}
