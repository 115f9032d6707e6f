package routes.ingest;

/** A message's vector and the parent text it was embedded with (null when it stands alone). */
public record Embedded(float[] vector, String context) {
}
