package routes;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import routes.metrics.RtfmMetrics;
import routes.privacy.OptOutList;
import routes.metrics.RecordOutcomes;
import routes.questionlog.LogDatabase;
import routes.questionlog.LogPolls;
import routes.questionlog.LogRows;
import routes.questionlog.QuestionLog;
import routes.schema.WireFormat;

/** The beans of the question log (routes.yaml's record-answers and prune-question-log): its database and its rows. */
public class LogConfiguration implements CamelConfiguration {

    /** Started (and migrated) by RtfmLifecycle before the routes, where the log is written. */
    @BindToRegistry(lazy = true)
    public QuestionLog questionLog(@PropertyInject(value = "rtfm.database.url", defaultValue = "") String url,
                                   @PropertyInject(value = "rtfm.database.user", defaultValue = "") String user,
                                   @PropertyInject(value = "rtfm.database.password", defaultValue = "") String password,
                                   @PropertyInject("rtfm.database.pool-size") int poolSize,
                                   @PropertyInject("rtfm.database.connect-timeout-ms") long connectTimeoutMs,
                                   @PropertyInject("rtfm.local.dir") String localDir) {
        return new QuestionLog(LogDatabase.of(url, user, password, poolSize, connectTimeoutMs, Path.of(localDir)));
    }

    /** The pool every sql: endpoint names (dataSource=#logDatabase). */
    @BindToRegistry(lazy = true)
    public DataSource logDatabase(@BeanInject("questionLog") QuestionLog log) {
        return log.dataSource();
    }

    /** error-handling.yaml's record-waiting-out-the-database: a failed write is counted before it is tried again. */
    @BindToRegistry(lazy = true)
    public Processor beforeLogRetry(@BeanInject("rtfmMetrics") RtfmMetrics metrics) {
        return exchange -> metrics.logWriteFailed();
    }

    @BindToRegistry(lazy = true)
    public LogPolls logPolls(@BeanInject("logRows") LogRows rows, @BeanInject("recordOutcomes") RecordOutcomes outcomes) {
        return new LogPolls(rows, outcomes);
    }

    @BindToRegistry(lazy = true)
    public LogRows logRows(@BeanInject("wireFormat") WireFormat wireFormat, @BeanInject("optOuts") OptOutList optOuts,
                           @PropertyInject("rtfm.topics.queries.name") String queries,
                           @PropertyInject("rtfm.topics.responses.name") String responses,
                           @PropertyInject("rtfm.topics.feedback.name") String feedback,
                           @PropertyInject("rtfm.topics.optouts.name") String choices) {
        return new LogRows(wireFormat, optOuts, queries, responses, feedback, choices);
    }
}
