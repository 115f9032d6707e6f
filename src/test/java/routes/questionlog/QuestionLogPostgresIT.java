package routes.questionlog;

import routes.testing.TestDatabase;

/** The question log on the real PostgreSQL (RTFM_TEST_DATABASE_URL, or a container), in a schema of its own. */
class QuestionLogPostgresIT extends QuestionLogContract {

    private final String url = TestDatabase.freshSchema("log_it");

    @Override
    String databaseUrl() {
        return url;
    }

    @Override
    String readUrl() {
        return url;
    }

    @Override
    void cleanUp() {
        TestDatabase.drop(url);
    }
}
