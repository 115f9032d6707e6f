package routes.kafka;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;

/**
 * The offsets a batching consumer's poll (camel-kafka batching: the body is the records' exchanges) has to commit once
 * its work is done: the last record's of each partition. A commit that fails (the broker is away, the partition was
 * reassigned) fails nothing: a later poll's commit covers it, and if none does first the poll is read again after a
 * restart or rebalance, which the batch's writes must make harmless (upserts).
 */
public final class PollCommits {

    private PollCommits() {
    }

    public static Map<String, KafkaManualCommit> of(List<Exchange> records) {
        Map<String, KafkaManualCommit> commits = new LinkedHashMap<>();
        for (Exchange record : records) {
            Message in = record.getMessage();
            commits.put(in.getHeader(KafkaConstants.TOPIC) + "-" + in.getHeader(KafkaConstants.PARTITION),
                    in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        }
        return commits;
    }

    public static void commit(Collection<KafkaManualCommit> commits, Logger log, String what) {
        for (KafkaManualCommit commit : commits) {
            try {
                if (commit != null) {
                    commit.commit();
                }
            } catch (KafkaException e) {
                log.warn("Could not commit {} ({}); it may be read and written again", what, e.getMessage());
            }
        }
    }
}
