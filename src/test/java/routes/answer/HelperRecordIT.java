package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.background.PeriodicTask;
import routes.schema.DiscordMessage;
import routes.testing.AppIT;
import routes.testing.TopicReader;
import routes.testing.ChatMessage;

/**
 * The helper record counted from what the app really stored in Chroma, through ingest: who answered
 * whom, the thank-yous left out, and a deleted answer no longer counted at the next count.
 */
class HelperRecordIT extends AppIT {

    private static final String GUILD = "6100000000000000001";
    private static final String ANA = "6200000000000000001";
    private static final String BOB = "6200000000000000002";
    private static final String DEE = "6200000000000000003";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    void start() throws Exception {
        configure("helpers");
        startApp();
    }

    @Test
    void theRecordIsCountedFromTheIndexAndForgetsADeletedAnswer() throws Exception {
        List<Map.Entry<String, String>> log = new ArrayList<>();
        log.add(message("q1", ANA, null, null, "How do I persist an index to disk?"));
        log.add(message("q2", ANA, null, null, "Why is my query so slow with a big index?"));
        log.add(message("q3", ANA, null, null, "Which embedding model is used by default?"));
        log.add(message("a1", BOB, "q1", null, "Call storage_context.persist() and load it with load_index_from_storage"));
        log.add(message("a2", BOB, "q2", null, "Turn on streaming and lower similarity_top_k to 2"));
        log.add(message("a3", BOB, "q3", null, "text-embedding-ada-002 unless you pass an embed_model"));
        log.add(message("t1", ANA, "a1", null, "thanks!"));
        log.add(message("h1", DEE, null, id("q1"), "A vector store such as Chroma persists by itself, too"));
        TopicReader.sendAll(config.getProperty("rtfm.kafka.bootstrap-servers"), config.getProperty("rtfm.topics.messages.name"), log);
        await().atMost(WAIT).until(() -> chroma.count() == log.size());

        PeriodicTask recount = app.context().getRegistry().lookupByNameAndType("helperRecount", PeriodicTask.class);
        HelperRecord record = app.context().getRegistry().lookupByNameAndType("helperRecord", HelperRecord.class);
        assertThat(recount.runNow()).isTrue();
        // by hand: bob answered q1, q2 and q3; dee answered in ana's thread; ana's thanks answer nothing
        assertThat(record.answered(GUILD, BOB)).isEqualTo(3);
        assertThat(record.answered(GUILD, DEE)).isEqualTo(1);
        assertThat(record.answered(GUILD, ANA)).isZero();
        assertThat(record.factor(GUILD, BOB)).isEqualTo(1.0);
        // read three records at a time, as a large index is read 2,000 at a time: the same counts
        HelperRecord paged = new HelperRecord(3);
        paged.recount(chroma);
        assertThat(List.of(paged.answered(GUILD, BOB), paged.answered(GUILD, DEE), paged.answered(GUILD, ANA))).containsExactly(3, 1, 0);

        // a2 deleted in Discord: its tombstone takes it out of the index, and out of the next count
        TopicReader.sendAll(config.getProperty("rtfm.kafka.bootstrap-servers"), config.getProperty("rtfm.topics.messages.name"),
                List.of(new AbstractMap.SimpleEntry<>(id("a2"), null)));
        await().atMost(WAIT).until(() -> chroma.count() == log.size() - 1);
        assertThat(recount.runNow()).isTrue();
        assertThat(record.answered(GUILD, BOB)).isEqualTo(2);

        String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + config.getProperty("rtfm.http.port") + "/observe/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(health).as("the count's loop shows in health").contains("helper-record");
    }

    private Map.Entry<String, String> message(String id, String author, String replyTo, String thread, String text) {
        DiscordMessage message = ChatMessage.of(id(id), text).by("member-" + author.substring(author.length() - 1), author)
                .in(GUILD, "help", "help").inThread(thread).replyingTo(replyTo == null ? null : id(replyTo)).build();
        return Map.entry(id(id), wire.write(message));
    }

    private String id(String local) {
        return "helpers-" + run + "-" + local;
    }
}
