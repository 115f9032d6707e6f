package routes;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import routes.discord.QuestionDetector;
import routes.ingest.IngestBatches;
import routes.kafka.KafkaClientSettings;
import routes.metrics.RecordOutcomes;
import routes.metrics.RtfmMetrics;
import routes.privacy.IndexingRules;
import routes.privacy.OptOutList;
import routes.privacy.PrivacyRequests;
import routes.schema.WireFormat;

/** The beans of the opt-out list (/forget, /rtfm exclude, deleted channels): routes.yaml's ingest-messages and apply-opt-outs. */
public class PrivacyConfiguration implements CamelConfiguration {

    /** Started by RtfmLifecycle before the routes, in the processor role only. */
    @BindToRegistry(lazy = true)
    public OptOutList optOuts(@BeanInject("wireFormat") WireFormat wireFormat,
                              @BeanInject("kafkaClients") KafkaClientSettings kafka,
                              @PropertyInject("rtfm.topics.optouts.name") String topic,
                              @BeanInject("recordOutcomes") RecordOutcomes outcomes) {
        return new OptOutList(wireFormat, kafka, topic, outcomes);
    }

    @BindToRegistry(lazy = true)
    public IndexingRules indexing(@BeanInject("questions") QuestionDetector questions, @BeanInject("optOuts") OptOutList optOuts) {
        return new IndexingRules(questions, optOuts);
    }

    /** ingest-messages reads its batches with the indexing rules above. */
    @BindToRegistry(lazy = true)
    public IngestBatches ingestBatches(@BeanInject("wireFormat") WireFormat wireFormat, @BeanInject("indexing") IndexingRules rules,
                                       @BeanInject("rtfmMetrics") RtfmMetrics metrics,
                                       @BeanInject("recordOutcomes") RecordOutcomes outcomes) {
        return new IngestBatches(wireFormat, rules, metrics, outcomes);
    }

    @BindToRegistry(lazy = true)
    public PrivacyRequests privacyRequests() {
        return new PrivacyRequests();
    }
}
