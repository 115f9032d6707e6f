package routes.proactive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionShapeTest {

    @Test
    void aQuestionMarkInItsWordsMakesAQuestion() {
        // from the LlamaIndex help channel's sample
        assertThat(QuestionShape.looksLikeQuestion(
                "Is it possible to split text from a single document into chunks and create multiple documents out of it?")).isTrue();
        assertThat(QuestionShape.looksLikeQuestion("any idea how to overcome?")).isTrue();
        assertThat(QuestionShape.looksLikeQuestion("my index keeps returning empty answers with the default settings, normal?")).isTrue();
    }

    @Test
    void anInterrogativeOpeningMakesAQuestionWithoutAQuestionMark() {
        assertThat(QuestionShape.looksLikeQuestion("Is there a way I can provide it with additional context about columns")).isTrue();
        assertThat(QuestionShape.looksLikeQuestion("how do I persist a vector index to disk")).isTrue();
        assertThat(QuestionShape.looksLikeQuestion("Can I use a local model instead of OpenAI for embeddings")).isTrue();
        assertThat(QuestionShape.looksLikeQuestion("does anyone know why the query engine ignores similarity_top_k")).isTrue();
        // a greeting first: the question is what follows it
        assertThat(QuestionShape.looksLikeQuestion("Hi all, how do I load a PDF with its tables intact")).isTrue();
        assertThat(QuestionShape.looksLikeQuestion("hey everyone! what is the difference between a list index and a tree index")).isTrue();
    }

    @Test
    void statementsThanksAndAnnouncementsAreNotQuestions() {
        assertThat(QuestionShape.looksLikeQuestion("thanks, that worked for me!")).isFalse();
        assertThat(QuestionShape.looksLikeQuestion("I pushed a fix for the PDF loader to main this morning")).isFalse();
        // "what" inside the sentence is no opening
        assertThat(QuestionShape.looksLikeQuestion("I finally understand what the refine prompt does")).isFalse();
        // "how" must be a word: "however" opens no question
        assertThat(QuestionShape.looksLikeQuestion("However the default chunk size works fine for me")).isFalse();
    }

    @Test
    void aQuestionMarkInCodeALinkOrAMentionAsksNothing() {
        assertThat(QuestionShape.looksLikeQuestion("Docs are at https://gpt-index.readthedocs.io/en/latest/search.html?q=composable now")).isFalse();
        assertThat(QuestionShape.looksLikeQuestion("I get ```KeyError: 'doc_id?'``` when loading the saved index")).isFalse();
        assertThat(QuestionShape.looksLikeQuestion("set `similarity_top_k=5 if ok? else 2` in the query call")).isFalse();
    }

    @Test
    void fewerThanFourWordsIsNeverAQuestion() {
        assertThat(QuestionShape.looksLikeQuestion("how?")).isFalse();
        assertThat(QuestionShape.looksLikeQuestion("any ideas?")).isFalse();
        assertThat(QuestionShape.looksLikeQuestion("<@123456789012345678> why though?")).isFalse();
        assertThat(QuestionShape.looksLikeQuestion("")).isFalse();
        assertThat(QuestionShape.looksLikeQuestion(null)).isFalse();
    }
}
