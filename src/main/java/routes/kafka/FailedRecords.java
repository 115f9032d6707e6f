package routes.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The records a failure hands to the dead-letter route, one at a time: the record of a single-record
 * consumer, or every record of a batch (camel-kafka batching). A record set aside inside a batch
 * carries its own reason, which replaces the batch's when it is dead-lettered.
 */
public class FailedRecords {

    /** The header a set-aside record's reason travels in, until the dead-letter route makes it the exchange's failure. */
    static final String REASON = "rtfmRejection";

    /** Marks a batch's record that was set aside (and so is dead-lettered on its own), so a failure of the batch does not dead-letter it again. */
    static final String SET_ASIDE = "rtfmSetAside";

    /** A copy of a batch's record that could not be processed, with why; the record is marked as set aside. */
    public static Message rejected(Exchange record, Exception reason) {
        record.setProperty(SET_ASIDE, true);
        Message copy = record.getMessage().copy();
        copy.removeHeader(org.apache.camel.component.kafka.KafkaConstants.MANUAL_COMMIT);
        copy.setHeader(REASON, reason);
        return copy;
    }

    /**
     * The failed exchange's records (its body as the error handler restored it), each as a message of its own; of a
     * batch, those not set aside already (they were dead-lettered with their own reason).
     */
    @SuppressWarnings("unchecked")
    public List<Message> of(Exchange failed) {
        List<Message> records = new ArrayList<>();
        Object body = failed.getMessage().getBody();
        if (body instanceof List<?> batch && !batch.isEmpty() && batch.get(0) instanceof Exchange) {
            for (Exchange record : (List<Exchange>) batch) {
                if (!record.getProperty(SET_ASIDE, false, Boolean.class)) {
                    records.add(record.getMessage().copy());
                }
            }
        } else {
            records.add(failed.getMessage().copy());
        }
        return records;
    }

    /** A set-aside record's own reason becomes the exchange's failure, the one its envelope and metrics report. */
    static void restore(Exchange record) {
        Exception reason = record.getMessage().getHeader(REASON, Exception.class);
        if (reason != null) {
            record.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
            record.getMessage().removeHeader(REASON);
        }
    }
}
