package routes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar rtfm-bot.jar <command>}: run the bot, manage topics, check a Kafka cluster. */
@Command(name = "rtfm-bot",
        mixinStandardHelpOptions = true,
        version = "RTFM bot 0.1.0",
        description = "RTFM: a Discord bot that remembers a server's chat and answers questions from it.",
        subcommands = {RunCommand.class, TopicsCommand.class, KafkaCheckCommand.class, EvalCommand.class, DlqCommand.class, ImportCommand.class, ReindexCommand.class, BenchCommand.class, LogCommand.class,
                CommandLine.HelpCommand.class})
public class RtfmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: run, topics, kafka-check, dlq, import, reindex, eval, bench or log");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code: 0 done, 1 failed, 2 misused. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new RtfmCommand());
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("rtfm-bot " + cmd.getCommandName() + ": " + describe(error));
            return 1;
        });
        return commandLine.execute(args);
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }
}
