package routes.chroma;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a retry (the error handlers' onRedelivery hook): a 404 from one of the collection's record
 * endpoints means the collection this process knew is gone (deleted under it). Its id is
 * forgotten, so the retry resolves the configured collection again by name, creating it if needed.
 */
public class CollectionRecovery implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionRecovery.class);

    private final ChromaCollection collection;

    public CollectionRecovery(ChromaCollection collection) {
        this.collection = collection;
    }

    /** Whether this failure says the collection's records endpoint is gone. */
    public static boolean collectionGone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpOperationFailedException http) {
                return http.getStatusCode() == 404 && http.getUri() != null && http.getUri().contains("/api/v2/")
                        && http.getUri().contains("/collections/");
            }
        }
        return false;
    }

    @Override
    public void process(Exchange exchange) {
        if (collectionGone(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class))) {
            LOG.warn("Chroma collection '{}' is gone; resolving it again before the retry", collection.name());
            collection.forget();
        }
    }
}
