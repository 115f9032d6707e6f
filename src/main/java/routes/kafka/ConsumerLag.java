package routes.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind the end of a topic: the records written but not yet
 * committed as done. Zero means the group has processed everything written so far.
 */
public final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    public ConsumerLag(KafkaClientSettings kafka) {
        Properties props = kafka.clientProperties("rtfm-consumer-lag");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TopicAdmin.TIMEOUT_MS / 2);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TopicAdmin.TIMEOUT_MS);
        this.admin = Admin.create(props);
    }

    public long of(String group, String topic) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> ends = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                .get(TopicAdmin.TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(ends).all()
                .get(TopicAdmin.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TopicAdmin.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (var end : latest.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
