package routes.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** A command that talks to a Kafka cluster (KafkaOptions), and reports bad arguments through its own command line. */
abstract class KafkaCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
}
