package routes.questionlog;

import java.nio.file.Path;

/** The question log in the embedded default (no RTFM_DATABASE_URL): an H2 file under the app's local directory. */
class QuestionLogEmbeddedIT extends QuestionLogContract {

    @Override
    String databaseUrl() {
        return "";
    }

    @Override
    String readUrl() {
        // a second connection while the app runs, as `log tail` makes one
        return LogDatabase.embeddedUrl(Path.of(config.getProperty("rtfm.local.dir")));
    }
}
