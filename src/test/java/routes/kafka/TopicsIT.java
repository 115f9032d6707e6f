package routes.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmSettings;
import routes.cli.CliTest;
import routes.testing.SharedInfrastructure;

/** The topics CLI and kafka-check against a real broker, checked with Kafka's own AdminClient. */
@ExtendWith(SharedInfrastructure.class)
class TopicsIT {

    private final String bootstrap = SharedInfrastructure.kafkaBootstrap();

    @Test
    void createTwiceLeavesTheFourTopicsExactlyAsDesigned() throws Exception {
        assertThat(runCli("topics", "create", "--bootstrap-servers", bootstrap).exit()).isZero();
        CliTest.Outcome second = runCli("topics", "create", "--bootstrap-servers", bootstrap);
        assertThat(second.exit()).isZero();
        assertThat(second.out()).contains("discord-messages: up to date");

        Map<String, int[]> expected = Map.of(
                "bot-queries", new int[] {24, 1}, "bot-responses", new int[] {3, 1}, "dead-letter-queue", new int[] {1, 14});
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(expected.keySet()).allTopicNames().get();
            for (Map.Entry<String, int[]> topic : expected.entrySet()) {
                assertThat(topics.get(topic.getKey()).partitions()).hasSize(topic.getValue()[0]);
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.getKey());
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(topic.getValue()[1] * 86_400_000L));
                assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            }
            // the system of record: compacted, kept forever, a deleted message's text gone within a day
            ConfigResource messages = new ConfigResource(ConfigResource.Type.TOPIC, "discord-messages");
            Config config = admin.describeConfigs(List.of(messages)).all().get().get(messages);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("max.compaction.lag.ms").value()).isEqualTo("86400000");
            assertThat(admin.describeTopics(List.of("discord-messages")).allTopicNames().get().get("discord-messages").partitions()).hasSize(3);
        }
    }

    @Test
    void aDifferentCleanupPolicyIsChangedOnlyWhenAsked() throws Exception {
        List<TopicSpec> seed = topics("name", "policy-messages", "cleanup-policy", "delete", "retention-ms", "604800000");
        List<TopicSpec> compacted = topics("name", "policy-messages");
        try (TopicAdmin topics = new TopicAdmin(KafkaClientSettings.of(bootstrap))) {
            topics.reconcile(seed);
            assertThat(topics.reconcile(compacted).toString()).contains("policy-messages: cleanup.policy is delete, configured compact; left as is");
            TopicAdmin.TopicState kept = topics.describe(List.of("policy-messages")).get(0);
            assertThat(kept.cleanupPolicy()).isEqualTo("delete");
            assertThat(kept.retentionMs()).isEqualTo("604800000");
            assertThat(topics.reconcile(compacted, true).toString()).contains("cleanup.policy changed from delete to compact");
            TopicAdmin.TopicState changed = topics.describe(List.of("policy-messages")).get(0);
            assertThat(changed.cleanupPolicy()).isEqualTo("compact");
            assertThat(changed.retentionMs()).isEqualTo("-1");
            assertThat(changed.settings()).containsEntry("max.compaction.lag.ms", "86400000");
            topics.delete(List.of("policy-messages"));
        }
    }

    @Test
    void kafkasOwnTopicCommandReportsThemAsDesigned() throws Exception {
        runCli("topics", "create", "--bootstrap-servers", bootstrap);
        String described = kafkaTopics("--bootstrap-server", bootstrap, "--describe", "--topic", "discord-messages");
        assertThat(described).contains("Topic: discord-messages").contains("PartitionCount: 3")
                .contains("cleanup.policy=compact").contains("max.compaction.lag.ms=86400000");
        assertThat(kafkaTopics("--bootstrap-server", bootstrap, "--describe", "--topic", "dead-letter-queue"))
                .contains("PartitionCount: 1").contains("retention.ms=1209600000");
        assertThat(kafkaTopics("--bootstrap-server", bootstrap, "--describe", "--topic", "bot-queries"))
                .contains("PartitionCount: 24").contains("retention.ms=86400000");
    }

    /** Runs org.apache.kafka.tools.TopicCommand (kafka-topics.sh) in this JVM and returns what it printed. */
    private static String kafkaTopics(String... args) throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicInteger exitCode = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) -> exitCode.set(code));
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            org.apache.kafka.tools.TopicCommand.main(args);
        } finally {
            System.setOut(original);
            org.apache.kafka.common.utils.Exit.resetExitProcedure();
        }
        assertThat(exitCode.get()).as("kafka-topics exit code").isZero();
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void reconcileRaisesPartitionsAndFixesRetentionButNeverLowersPartitions() throws Exception {
        List<TopicSpec> small = topics("name", "reconcile-messages", "partitions", "2", "retention-ms", "1000000");
        List<TopicSpec> bigger = topics("name", "reconcile-messages", "partitions", "4", "retention-ms", "2000000");
        List<TopicSpec> fewer = topics("name", "reconcile-messages", "partitions", "1", "retention-ms", "2000000");

        try (TopicAdmin topics = new TopicAdmin(KafkaClientSettings.of(bootstrap))) {
            topics.reconcile(small);
            List<TopicAdmin.Change> changes = topics.reconcile(bigger);
            assertThat(changes.toString()).contains("partitions raised from 2 to 4").contains("retention.ms changed from 1000000 to 2000000");
            TopicAdmin.TopicState state = topics.describe(List.of("reconcile-messages")).get(0);
            assertThat(state.partitions()).isEqualTo(4);
            assertThat(state.retentionMs()).isEqualTo("2000000");

            assertThat(topics.reconcile(fewer).toString()).contains("left as is");
            assertThat(topics.describe(List.of("reconcile-messages")).get(0).partitions()).isEqualTo(4);
        }
    }

    @Test
    void kafkaCheckPassesOnEveryTopic() {
        runCli("topics", "create", "--bootstrap-servers", bootstrap);
        CliTest.Outcome outcome = runCli("kafka-check", "--bootstrap-servers", bootstrap);
        assertThat(outcome.exit()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("PASS discord-messages", "PASS bot-queries", "PASS bot-responses", "PASS dead-letter-queue",
                "PASS rtfm-optouts", "PASS rtfm-idempotency", "PASS rtfm-backfill-state", "PASS rtfm-index-state",
                "PASS rtfm-feedback", "PASS rtfm-channel-settings").contains("10 of 10 topics passed");
    }

    @Test
    void kafkaCheckFailsOnAMissingTopicAndNamesIt() {
        CliTest.Outcome outcome = runCli("kafka-check", "--bootstrap-servers", bootstrap, "--topic", "no-such-topic");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("unknown topic 'no-such-topic'");
    }

    @Test
    void listAndDescribeShowPartitionsAndRetention() {
        runCli("topics", "create", "--bootstrap-servers", bootstrap);
        assertThat(runCli("topics", "list", "--bootstrap-servers", bootstrap).out())
                .contains("discord-messages").contains("partitions=3").contains("retention.ms=604800000");
        assertThat(runCli("topics", "describe", "--bootstrap-servers", bootstrap).out())
                .contains("Topic: dead-letter-queue").contains("PartitionCount: 1").contains("retention.ms=1209600000");
    }

    private static CliTest.Outcome runCli(String... args) {
        return CliTest.run(args);
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    /** The topics of a configuration whose discord-messages settings are these (pairs: rtfm.topics.messages.&lt;key&gt;, value). */
    private static List<TopicSpec> topics(String... messagesSettings) {
        Properties settings = new Properties();
        for (int i = 0; i < messagesSettings.length; i += 2) {
            settings.setProperty("rtfm.topics.messages." + messagesSettings[i], messagesSettings[i + 1]);
        }
        return RtfmSettings.load(settings).topics();
    }
}
