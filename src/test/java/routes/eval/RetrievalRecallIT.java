package routes.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import routes.RtfmSettings;
import routes.cli.EvalCommand;
import routes.schema.DiscordChatExport;
import routes.testing.SharedInfrastructure;

/**
 * Regression check on the shipped evaluation set (eval/llamaindex-help-questions.json): 46
 * paraphrased questions over the 394-message help channel, against a real Chroma server.
 */
@ExtendWith(SharedInfrastructure.class)
class RetrievalRecallIT {

    /** recall@5 measured with the default settings when this set was written (README, "How retrieval works"). */
    static final double RECORDED_RECALL_AT_5 = 0.935;

    @Test
    void recallAtFiveStaysWithinFivePointsOfTheRecordedFigure() throws Exception {
        List<EvalQuestion> questions = EvalCommand.readQuestions(Path.of("eval/llamaindex-help-questions.json"));
        assertThat(questions).hasSizeGreaterThanOrEqualTo(40);
        EvalCommand.RtfmReport report = EvalCommand.run(RtfmSettings.load(new Properties()),
                DiscordChatExport.read(Path.of("src/test/resources/data/llamaindex-help-sample.json")), questions,
                SharedInfrastructure.chromaUrl());
        System.out.println(report.retrieval());
        assertThat(report.indexed()).isEqualTo(394);
        assertThat(report.retrieval().recallAt5()).as(report.retrieval().misses().toString())
                .isGreaterThanOrEqualTo(RECORDED_RECALL_AT_5 - 0.05);
    }

    @Test
    void plainSingleMessageEmbeddingIsMeasurablyWorse() throws Exception {
        Properties plain = new Properties();
        plain.setProperty("rtfm.retrieval.conversation-context", "false");
        plain.setProperty("rtfm.retrieval.lexical-weight", "0");
        EvalCommand.RtfmReport report = EvalCommand.run(RtfmSettings.load(plain),
                DiscordChatExport.read(Path.of("src/test/resources/data/llamaindex-help-sample.json")),
                EvalCommand.readQuestions(Path.of("eval/llamaindex-help-questions.json")), SharedInfrastructure.chromaUrl());
        assertThat(report.retrieval().recallAt5()).isLessThan(RECORDED_RECALL_AT_5 - 0.2);
    }
}
