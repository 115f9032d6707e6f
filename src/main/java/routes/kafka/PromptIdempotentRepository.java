package routes.kafka;

import java.lang.reflect.Field;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's Kafka idempotent repository, stopped in the right order. camel-kafka 4.18 stops the thread
 * that keeps its cache in step with the topic only after waiting for that thread's pool to end, which
 * it never does while the thread runs: every stop waited out the pool's 5 s grace and then closed the
 * consumer under the running thread (ConcurrentModificationException in the log, twice per processor
 * stop). Here the thread is told to stop first and waited for, so it ends within one poll (100 ms) and
 * the consumer is closed after it, by the stopping thread alone.
 */
public class PromptIdempotentRepository extends KafkaIdempotentRepository {

    private static final Logger LOG = LoggerFactory.getLogger(PromptIdempotentRepository.class);

    public PromptIdempotentRepository(String topic, Properties consumerConfig, Properties producerConfig) {
        super(topic, consumerConfig, producerConfig);
    }

    @Override
    protected void doStop() throws Exception {
        try {
            ServiceSupport poller = (ServiceSupport) field("poller");
            if (poller != null) {
                // its loop runs while the poller is allowed to: it never was started as a service, so it is started to be stopped
                if (!poller.isStarted()) {
                    ServiceHelper.startService(poller);
                }
                ServiceHelper.stopService(poller);
            }
            ExecutorService thread = (ExecutorService) field("executorService");
            if (thread != null) {
                thread.shutdown();
                if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warn("The idempotent repository's poller did not stop within 2 s");
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another camel-kafka: its own order applies, slower but correct
            LOG.debug("Cannot stop the idempotent repository's poller first: {}", e.toString());
        }
        super.doStop();
    }

    private Object field(String name) throws ReflectiveOperationException {
        Field field = KafkaIdempotentRepository.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(this);
    }
}
