package routes.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import routes.schema.BotQuery;

/**
 * The follow link (rtfm.retrieval.follow-window) on hand-made pools: a question nobody replied to,
 * and what other members posted in its channel just after it, as the search found them.
 */
class FollowerLinksTest {

    private static final float[] QUESTION = {1, 0, 0};
    /** Answer links with a 10-minute follow window. */
    private final AnswerRanker ranker = new AnswerRanker(5, true, 5, 0.05, 0, 10);

    /** A message in this channel posted {@code minute} minutes after 12:00. */
    private static Candidate at(String channel, int minute, String id, String authorId, String replyTo, String text, double score) {
        String time = String.format("2023-02-10T12:%02d:00+00:00", minute);
        return new Candidate(id, channel, channel, authorId, time, null, score, text, null, score, authorId, replyTo, null);
    }

    private static Candidate at(int minute, String id, String authorId, String text, double score) {
        return at("help", minute, id, authorId, null, text, score);
    }

    /** What the look-up of replies returns: each candidate as Chroma stores it, at its own similarity. */
    private static String found(Candidate... rows) {
        QueryResult result = new QueryResult();
        for (Candidate row : rows) {
            result.add(row.messageId(), row.text(), 1.0 - row.similarity()).put("channel_id", row.channelId()).put("guild_id", "g")
                    .put("author_id", row.authorId()).put("author_name", row.authorId()).put("reply_to", row.replyTo())
                    .put("iso_timestamp", row.isoTimestamp());
        }
        return result.json();
    }

    private static List<String> ids(List<Candidate> ranked) {
        return ranked.stream().map(Candidate::messageId).toList();
    }

    @Test
    void aMessageThatFollowsAnUnansweredQuestionRanksJustAboveItAsItsAnswer() throws Exception {
        Candidate question = at(0, "q", "ana", "which embedding model does the vector index use?", 0.80);
        Candidate follower = at(7, "f", "bob", "the default openai one, you can set another", 0.40);
        List<Candidate> ranked = ranker.rank(found(), List.of(question, follower));
        // by hand: the follower takes 0.80 + 0.05 = 0.85, above the question's 0.80
        assertThat(ids(ranked)).containsExactly("f", "q");
        assertThat(ranked.get(0).score()).isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aFollowerBelongsToTheLatestQuestionBeforeIt() throws Exception {
        Candidate question = at(0, "q", "ana", "which embedding model does the vector index use?", 0.80);
        Candidate other = at(1, "x", "cy", "how do I load a pdf?", 0.70);
        Candidate follower = at(7, "f", "bob", "the default openai one, you can set another", 0.40);
        // x came at 12:01, after q: the follower at 12:07 is x's, 0.70 + 0.05 = 0.75, below q's 0.80
        assertThat(ids(ranker.rank(found(), List.of(question, other, follower)))).containsExactly("q", "f", "x");
    }

    @Test
    void aQuestionSomebodyRepliedToIsAnsweredByTheReplyAlone() throws Exception {
        Candidate question = at(0, "q", "ana", "which embedding model does the vector index use?", 0.80);
        Candidate reply = at("help", 2, "r", "bob", "q", "ada-002 unless you pass embed_model", 0.50);
        Candidate follower = at(3, "f", "cy", "also, has anyone tried weaviate?", 0.45);
        // the reply takes 0.85; the follower keeps its own 0.45
        assertThat(ids(ranker.rank(found(reply), List.of(question, follower)))).containsExactly("r", "q", "f");
    }

    @Test
    void theAskersOwnFollowUpsAThankYouLateMessagesAndOtherChannelsAreNotAnswers() throws Exception {
        Candidate question = at(0, "q", "ana", "which embedding model does the vector index use?", 0.80);
        Candidate own = at(1, "o", "ana", "is it the text-ada one?", 0.60);
        Candidate thanks = at(2, "t", "bob", "thanks!", 0.30);
        // twelve minutes after the question and eleven after the asker's own follow-up, which is a question too
        Candidate late = at(12, "l", "cy", "the default openai one", 0.40);
        Candidate elsewhere = at("random", 3, "e", "dee", null, "the default openai one", 0.35);
        // each keeps its own score (the thank-you 0.1 less)
        assertThat(ids(ranker.rank(found(), List.of(question, own, thanks, late, elsewhere)))).containsExactly("q", "o", "l", "e", "t");
    }

    @Test
    void atMostTheFirstThreeFollowersAreLinked() throws Exception {
        Candidate question = at(0, "q", "ana", "which embedding model does the vector index use?", 0.80);
        List<Candidate> pool = List.of(question, at(1, "f1", "b", "one", 0.3), at(2, "f2", "c", "two", 0.3), at(3, "f3", "d", "three", 0.3),
                at(4, "f4", "e", "four", 0.3));
        assertThat(ids(ranker.rank(found(), pool))).containsExactly("f1", "f2", "f3", "q", "f4");
    }

    @Test
    void nothingIsFetchedForFollowersAndAWindowOfZeroTurnsTheLinkOff() throws Exception {
        BotQuery query = new BotQuery("q1", "m", "model?", "u", "1", "help", "2025-11-02T12:34:56Z", Map.of(), 1, "g",
                List.of("help", "general"), null);
        Candidate question = at(0, "q", "ana", "which embedding model?", 0.9);
        Candidate follower = at(7, "f", "bob", "the default openai one", 0.40);
        // the look-up of answers asks for replies only: followers come from the search's pool, filtered like it
        assertThat(ranker.answersLookup(List.of(question, follower), query, QUESTION)).doesNotContain("timestamp");
        AnswerRanker off = new AnswerRanker(5, true, 5, 0.05, 0, 0);
        assertThat(ids(off.rank(found(), List.of(question, follower)))).containsExactly("q", "f");
        assertThatThrownBy(() -> new AnswerRanker(5, true, 5, 0.05, 0, -1)).hasMessageContaining("follow-window");
    }

    /** A message posted {@code minutes} after 12:00 (up to a day) that @mentions these members. */
    private static Candidate mentioning(int minutes, String id, String authorId, String text, double score, String... mentioned) {
        String time = java.time.OffsetDateTime.parse("2023-02-10T12:00:00+00:00").plusMinutes(minutes).toString();
        return new Candidate(id, "help", "help", authorId, time, null, score, text, null, score, authorId, null, null, false,
                List.of(mentioned));
    }

    @Test
    void anAnswerThatMentionsTheAskerIsLinkedLongAfterTheFollowWindowAndBeforeMereFollowers() throws Exception {
        AnswerRanker withMentions = new AnswerRanker(5, true, 5, 0.05, 0, 10).mentionWindow(1440);
        Candidate question = mentioning(0, "q", "ana", "how do I run the loader inside docker?", 0.80);
        Candidate follower = mentioning(5, "f", "cy", "docker images are on docker hub", 0.45);
        // six hours later, addressed to ana, without the reply button
        Candidate addressed = mentioning(377, "m", "bob", "@ana I got it working: set the cache dir in the Dockerfile", 0.40, "ana");
        Candidate toSomeoneElse = mentioning(60, "o", "dee", "@cy thanks for the image link, it works for my other setup", 0.42, "cy");
        List<Candidate> ranked = withMentions.rank(found(), List.of(question, toSomeoneElse, follower, addressed));
        // by hand: m and then f take 0.80 + 0.05 (the second 0.001 less); o mentions cy, not ana, and came an hour later: 0.42
        assertThat(ids(ranked)).containsExactly("m", "f", "q", "o");
        assertThat(ranked.get(0).score()).isEqualTo(0.85, org.assertj.core.data.Offset.offset(1e-9));
        // past the mention window, or with it off, the addressed answer keeps its own score
        assertThat(ids(new AnswerRanker(5, true, 5, 0.05, 0, 10).mentionWindow(360).rank(found(), List.of(question, follower, addressed))))
                .containsExactly("f", "q", "m");
        assertThat(ids(ranker.rank(found(), List.of(question, follower, addressed)))).containsExactly("f", "q", "m");
    }
}
