package dev.tuesday.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code tuesday completion}: the shell completion of every command, subcommand and option. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script for tuesday's commands, subcommands and options.",
                "bash: source <(tuesday completion); zsh: autoload -U +X bashcompinit && bashcompinit first."})
final class CompletionCli extends PrintingCommand {

    /** How picocli's script tells which subcommand the words name: every name anywhere in them. */
    private static final String ANY_ORDER = """
            function CompWordsContainsArray() {
              declare -a localArray
              localArray=("$@")
              local findme
              for findme in "${localArray[@]}"; do
                if ElementNotInCompWords "$findme"; then return 1; fi
              done
              return 0
            }
            """;

    /**
     * The names in order, each word counted once, among the words before the one being completed:
     * {@code migrate migrate} (the deploy subcommand of {@code migrate}) is not named by
     * {@code tuesday migrate sta}.
     */
    private static final String IN_ORDER = """
            function CompWordsContainsArray() {
              local -a wanted=("$@")
              local found=0 word
              for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
                if [[ "$word" = "${wanted[found]}" ]]; then found=$((found + 1)); fi
                if ((found == ${#wanted[@]})); then return 0; fi
              done
              return 1
            }
            """;

    @Override
    public Integer call() {
        out().print(script());
        out().flush();
        return 0;
    }

    static String script() {
        String script = AutoComplete.bash("tuesday", Tuesday.everyCommand());
        if (!script.contains(ANY_ORDER)) {
            throw new IllegalStateException("picocli's completion script changed: review CompletionCli");
        }
        return script.replace(ANY_ORDER, IN_ORDER);
    }
}
