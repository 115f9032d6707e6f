package routes.backfill;

/**
 * How far the history of one channel (or thread) has been read: everything from oldestDone to
 * newestDone is published; complete once the read backward reached the channel's start or
 * rtfm.backfill.max-age-days. Kept in the compacted rtfm-backfill-state topic, keyed guild:channel.
 */
public record Watermark(String guildId, String channelId, String newestDone, String oldestDone, boolean complete, long messages,
                        String updatedAt) {

    public String key() {
        return guildId + ":" + channelId;
    }

    public Watermark reading(String newest, String oldest, long more, boolean done) {
        return new Watermark(guildId, channelId, newest, oldest, done, messages + more, java.time.Instant.now().toString());
    }
}
