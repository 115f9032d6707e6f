package routes.kafka;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer that assigned itself a topic's partitions (no group, so nobody reassigns them) also takes the
 * partitions added to the topic later: an assignment is fixed, and without this a view would never read
 * what is written to a new partition.
 */
final class AddedPartitions {

    private AddedPartitions() {
    }

    /**
     * Assigns the topic's partitions the consumer does not have yet, from their start, and returns them. The
     * partitions it had keep their positions. Asks the consumer's cached metadata (refreshed every
     * metadata.max.age.ms), so it sends the broker nothing between refreshes.
     */
    static List<TopicPartition> follow(Consumer<?, ?> consumer, String topic) {
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> added = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition()))
                .filter(p -> !assigned.contains(p)).toList();
        if (!added.isEmpty()) {
            Set<TopicPartition> all = new HashSet<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            consumer.seekToBeginning(added);
        }
        return added;
    }
}
