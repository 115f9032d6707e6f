package routes.schema;

/** A record that is not JSON or breaks its schema: never worth a retry, always worth a dead letter. */
public class InvalidRecordException extends RuntimeException {

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
