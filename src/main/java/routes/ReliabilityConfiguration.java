package routes;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.PropertyInject;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.processor.idempotent.kafka.KafkaIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import routes.chroma.ChromaCollection;
import routes.chroma.CollectionRecovery;
import routes.errors.BeforeRetry;
import routes.errors.RetryBudget;
import routes.errors.TransientFailure;
import routes.kafka.DeadLetters;
import routes.kafka.FailedRecords;
import routes.kafka.KafkaClientSettings;
import routes.kafka.PromptIdempotentRepository;
import routes.metrics.RecordOutcomes;
import routes.metrics.RtfmMetrics;

/**
 * The beans of failure handling and observability (error-handling.yaml, deliver-responses): what
 * is worth a retry and how it is retried, the dead-letter envelope, delivered answers, metrics.
 */
public class ReliabilityConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public FailedRecords failedRecords() {
        return new FailedRecords();
    }

    @BindToRegistry(lazy = true)
    public DeadLetters deadLetters(@PropertyInject("rtfm.max-record-bytes") int maxRecordBytes) {
        return new DeadLetters(maxRecordBytes);
    }

    @BindToRegistry(lazy = true)
    public TransientFailure transientFailure() {
        return new TransientFailure();
    }

    @BindToRegistry(lazy = true)
    public Processor beforeRetry(@BeanInject("chromaCollection") ChromaCollection collection,
                                 @PropertyInject("rtfm.gemini.max-retry-wait-ms") long maxRetryWaitMs) {
        return new BeforeRetry(new CollectionRecovery(collection), maxRetryWaitMs);
    }

    /** The one retry policy for transient failures (error-handling.yaml): exponential backoff with jitter. */
    @BindToRegistry(lazy = true)
    public RedeliveryPolicy transientFailureRetry(@PropertyInject("rtfm.retry.max-redeliveries") int maxRedeliveries,
                                                  @PropertyInject("rtfm.retry.initial-delay-ms") long initialDelayMs,
                                                  @PropertyInject("rtfm.retry.backoff-multiplier") double multiplier,
                                                  @PropertyInject("rtfm.retry.max-delay-ms") long maxDelayMs) {
        return new RedeliveryPolicy().maximumRedeliveries(maxRedeliveries).redeliveryDelay(initialDelayMs)
                .useExponentialBackOff().backOffMultiplier(multiplier).maximumRedeliveryDelay(maxDelayMs)
                .useCollisionAvoidance().retryAttemptedLogLevel(LoggingLevel.WARN).logStackTrace(false);
    }

    @BindToRegistry(lazy = true)
    public RetryBudget retryBudget(@PropertyInject("rtfm.retry.max-redeliveries") int maxRedeliveries,
                                   @PropertyInject("rtfm.answer.deadline-ms") long deadlineMs) {
        return new RetryBudget(maxRedeliveries, deadlineMs);
    }

    @BindToRegistry(lazy = true)
    public RtfmMetrics rtfmMetrics(CamelContext context) {
        return new RtfmMetrics(context);
    }

    @BindToRegistry(lazy = true)
    public RecordOutcomes recordOutcomes(@BeanInject("rtfmMetrics") RtfmMetrics metrics) {
        return new RecordOutcomes(metrics);
    }

    /**
     * The answers already delivered, by response id, shared by every bot through the idempotency
     * topic (read back at start): a response redelivered after a crash, or a question answered
     * twice, is delivered once. Its own consumer group is random: every bot reads every entry.
     */
    @BindToRegistry(lazy = true, beanPostProcess = true)
    public IdempotentRepository deliveredAnswers(@PropertyInject("rtfm.topics.idempotency.name") String topic,
                                                 @BeanInject("kafkaClients") KafkaClientSettings kafka,
                                                 @PropertyInject("rtfm.idempotency.cache-size") int cacheSize) {
        return sharedRepository(topic, kafka, cacheSize, "delivered");
    }

    /**
     * The questions already answered, by question id (response ids never look like one), on the same
     * topic: a question redelivered after a processor crashed between publishing its answer and
     * committing it is not answered again.
     */
    @BindToRegistry(lazy = true, beanPostProcess = true)
    public IdempotentRepository answeredQueries(@PropertyInject("rtfm.topics.idempotency.name") String topic,
                                                @BeanInject("kafkaClients") KafkaClientSettings kafka,
                                                @PropertyInject("rtfm.idempotency.cache-size") int cacheSize) {
        return sharedRepository(topic, kafka, cacheSize, "answered");
    }

    private static IdempotentRepository sharedRepository(String topic, KafkaClientSettings kafka, int cacheSize, String use) {
        // Camel's order: the consumer's settings, then the producer's
        KafkaIdempotentRepository repository = new PromptIdempotentRepository(topic, kafka.clientProperties("rtfm-" + use + "-consumer"),
                kafka.clientProperties("rtfm-" + use + "-producer"));
        repository.setMaxCacheSize(cacheSize);
        return repository;
    }
}
