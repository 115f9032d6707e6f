package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.RtfmSettings;
import routes.kafka.KafkaClientSettings;
import routes.kafka.TopicAdmin;
import routes.schema.DiscordMessage;
import routes.schema.OptOut;
import routes.schema.WireFormat;
import routes.testing.AppIT;
import routes.testing.discord.FakeDiscord;
import routes.testing.SharedInfrastructure;
import routes.testing.TopicReader;

/**
 * A bot that joins a server with history: on the fake Discord (history with before/after, archived
 * thread listings, rate-limit headers), everything the bot may read is stored - a busy channel over
 * several pages, replies with the text they reply to, an archived public thread, a private channel
 * it was let into - while the bot's own messages, messages older than rtfm.backfill.max-age-days
 * and those of a member who opted out are not, and an old "RTFM ..." is knowledge, never answered.
 * Restarted, it reads only what was said while it was away, with at most 2 requests per channel.
 */
class BackfillIT extends AppIT {

    private static final String GUILD = "8100000000000000001";
    private static final String GENERAL = "8200000000000000001";
    private static final String PRIVATE = "8200000000000000002";
    private static final String ARCHIVED_THREAD = "8300000000000000001";
    private static final String ALICE = "8400000000000000001";
    private static final String BOB = "8400000000000000002";
    private static final String CAROL = "8400000000000000003";
    private static final int GENERAL_MESSAGES = 240;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final List<String> expected = new ArrayList<>();
    private final List<String> notExpected = new ArrayList<>();
    private final List<String> inPrivate = new ArrayList<>();
    private final List<String> inThread = new ArrayList<>();
    private FakeDiscord discord;
    private String reply;
    private String oldQuestion;
    private long firstPassMillis;

    @BeforeAll
    void start() throws Exception {
        discord = apps.closeAfter(new FakeDiscord(GUILD,
                List.of(new FakeDiscord.Channel(GENERAL, "general", null), new FakeDiscord.Channel(PRIVATE, "staff-only", Set.of(ALICE))),
                List.of(new FakeDiscord.Member(ALICE, "alice", false), new FakeDiscord.Member(BOB, "bob", false),
                        new FakeDiscord.Member(CAROL, "carol", false)),
                List.of(new FakeDiscord.Thread(ARCHIVED_THREAD, "old release thread", GENERAL, null, true))).start(), () -> discord.close());
        Instant start = Instant.now().minus(30, ChronoUnit.DAYS);
        String previous = null;
        for (int i = 0; i < GENERAL_MESSAGES; i++) {
            Instant at = start.plus(i * 10L, ChronoUnit.MINUTES);
            String author = i % 12 == 5 ? BOB : i % 2 == 0 ? ALICE : CAROL;
            String id = discord.guild().historyMessage(GENERAL, author, "General history note " + i + " about the " + run + " deployment",
                    i % 10 == 9 ? previous : null, at);
            (author.equals(BOB) ? notExpected : expected).add(id);
            if (i % 10 == 9 && !author.equals(BOB) && reply == null && previous != null && expected.contains(previous)) {
                reply = id;
            }
            previous = id;
        }
        oldQuestion = discord.guild().historyMessage(GENERAL, CAROL, "RTFM how do I rotate the " + run + " signing keys?", null,
                start.plus(GENERAL_MESSAGES * 10L, ChronoUnit.MINUTES));
        expected.add(oldQuestion);
        notExpected.add(discord.guild().historyMessage(GENERAL, FakeDiscord.BOT_ID, "An old answer of the bot itself", null,
                start.plus(GENERAL_MESSAGES * 10L + 1, ChronoUnit.MINUTES)));
        notExpected.add(discord.guild().historyMessage(GENERAL, ALICE, "A note from before the retention window", null,
                Instant.now().minus(400, ChronoUnit.DAYS)));
        for (int i = 0; i < 20; i++) {
            inPrivate.add(discord.guild().historyMessage(PRIVATE, ALICE, "Staff-only note " + i, null, start.plus(i, ChronoUnit.HOURS)));
        }
        for (int i = 0; i < 30; i++) {
            inThread.add(discord.guild().historyMessage(ARCHIVED_THREAD, i % 2 == 0 ? ALICE : CAROL, "Release thread message " + i, null,
                    start.plus(i, ChronoUnit.HOURS)));
        }
        expected.addAll(inPrivate);
        expected.addAll(inThread);

        configure("backfill");
        discord.configure(config);
        // Bob asked long ago to be forgotten: his history is never stored
        OptOut forgotten = new OptOut(GUILD, OptOut.USER, BOB, false, Instant.now().minus(60, ChronoUnit.DAYS).toString(), "forget",
                BOB, "optout-" + run, Map.of(), WireFormat.SCHEMA_VERSION);
        try (TopicAdmin topics = new TopicAdmin(KafkaClientSettings.of(SharedInfrastructure.kafkaBootstrap()))) {
            topics.reconcile(RtfmSettings.load(config).topics());
        }
        TopicReader.send(SharedInfrastructure.kafkaBootstrap(), topic("optouts"), forgotten.key(), wire.write(forgotten));
        long started = System.nanoTime();
        startApp();
        await().atMost(WAIT).until(() -> chroma.count() >= expected.size());
        firstPassMillis = (System.nanoTime() - started) / 1_000_000;
        // the read itself ("Backfill pass done: ... messages/s") is logged by the app; this is Discord to Chroma, ingest included
        System.out.printf("BackfillIT: %d history messages from the fake Discord into Chroma in %d ms (%.0f messages/s)%n",
                expected.size(), firstPassMillis, expected.size() * 1000.0 / firstPassMillis);
    }

    @Test
    void everythingReadableIsStoredAndNothingElse() {
        await().atMost(WAIT).until(() -> expected.stream().allMatch(this::stored));
        assertThat(notExpected).noneMatch(this::stored);
        assertThat(chroma.count()).isEqualTo(expected.size());
        // an archived public thread is stored under its channel; the private channel under its own id
        assertThat(inThread).allMatch(id -> metadata(id).path("channel_id").asText().equals(GENERAL)
                && metadata(id).path("thread_id").asText().equals(ARCHIVED_THREAD));
        assertThat(inPrivate).allMatch(id -> metadata(id).path("channel_id").asText().equals(PRIVATE));
        // history is backfill, replies carry what they reply to, and no old question became a question
        List<ConsumerRecord<String, String>> log = TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("messages"));
        assertThat(log).filteredOn(r -> r.key().equals(reply)).isNotEmpty()
                .allMatch(r -> wire.parseMessage(r.value()).replyToContent() != null);
        assertThat(log).filteredOn(r -> expected.contains(r.key())).allMatch(r -> DiscordMessage.BACKFILL.equals(wire.parseMessage(r.value()).source()));
        assertThat(TopicReader.all(SharedInfrastructure.kafkaBootstrap(), topic("queries"))).isEmpty();
        assertThat(discord.bot().replyTo(oldQuestion)).isNull();
        // Discord's rate-limit headers were followed: never a 429
        assertThat(discord.bot().historyRequests(GENERAL)).isGreaterThanOrEqualTo(3);
        assertThat(discord.rateLimited()).isZero();
    }

    @Test
    void aRestartReadsOnlyWhatWasSaidWhileAwayWithAtMostTwoRequestsPerChannel() throws Exception {
        await().atMost(WAIT).until(() -> expected.stream().allMatch(this::stored));
        String metrics = page("/observe/metrics");
        assertThat(metrics).containsPattern("rtfm_backfill_messages_total(\\{[^}]*})? [1-9]").contains("rtfm_backfill_channels_remaining");
        app.close();
        List<String> whileAway = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            whileAway.add(discord.guild().historyMessage(GENERAL, ALICE, "Said while the bot was away " + i, null, Instant.now()));
        }
        Map<String, Long> before = Map.of(GENERAL, discord.bot().historyRequests(GENERAL), PRIVATE, discord.bot().historyRequests(PRIVATE),
                ARCHIVED_THREAD, discord.bot().historyRequests(ARCHIVED_THREAD));
        startApp();
        await().atMost(WAIT).until(() -> whileAway.stream().allMatch(this::stored));
        // the pass reads every channel once more: give it the time to, then count
        await().atMost(WAIT).until(() -> before.entrySet().stream().allMatch(c -> discord.bot().historyRequests(c.getKey()) > c.getValue()));
        for (Map.Entry<String, Long> channel : before.entrySet()) {
            assertThat(discord.bot().historyRequests(channel.getKey()) - channel.getValue()).as(channel.getKey()).isBetween(1L, 2L);
        }
    }
}
