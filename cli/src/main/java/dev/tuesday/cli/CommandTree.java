package dev.tuesday.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A command and its subcommands, kept here rather than in each command's {@code subcommands}
 * annotation so that a run builds only the branch its words name: picocli reads every option of
 * every command it is given, and reading the whole tree was most of a command's start.
 *
 * @param command the picocli command class
 * @param subcommands its subcommands, in the order its help lists them
 */
record CommandTree(Class<?> command, List<CommandTree> subcommands) {

    static CommandTree branch(Class<?> command, CommandTree... subcommands) {
        return new CommandTree(command, List.of(subcommands));
    }

    static CommandTree leaf(Class<?> command) {
        return new CommandTree(command, List.of());
    }

    String name() {
        return command.getAnnotation(Command.class).name();
    }

    /** Every command and subcommand. */
    CommandLine whole() {
        CommandLine cmd = new CommandLine(command);
        subcommands.forEach(s -> cmd.addSubcommand(s.whole()));
        return cmd;
    }

    /**
     * What {@code args} need: at each level only the subcommand the first word that is not an
     * option names, or every subcommand (without theirs) where no word names one — so the help of
     * a command still lists its subcommands. When the branch does not parse {@code args} as the
     * whole tree would (a word taken for a subcommand was an option's value; {@code help}; a
     * command's {@code --help} before the word, whose help must list every subcommand), the whole
     * tree.
     */
    CommandLine forArgs(String... args) {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("-")).toList();
        List<String> path = new ArrayList<>();
        CommandLine cmd = pruned(words, path);
        if (path.contains("help")) {
            return whole();
        }
        try {
            CommandLine.ParseResult parsed = cmd.parseArgs(args);
            for (String name : path) {
                if (parsed.isUsageHelpRequested() || !parsed.hasSubcommand() || !parsed.subcommand().commandSpec().name().equals(name)) {
                    return whole();
                }
                parsed = parsed.subcommand();
            }
            return cmd;
        } catch (CommandLine.ParameterException e) {
            return whole();
        }
    }

    private CommandLine pruned(List<String> words, List<String> path) {
        CommandLine cmd = new CommandLine(command);
        String word = words.isEmpty() ? null : words.getFirst();
        subcommands.stream().filter(s -> s.name().equals(word)).findFirst().ifPresentOrElse(named -> {
            path.add(word);
            cmd.addSubcommand(named.pruned(words.subList(1, words.size()), path));
        }, () -> subcommands.forEach(s -> cmd.addSubcommand(new CommandLine(s.command))));
        return cmd;
    }
}
