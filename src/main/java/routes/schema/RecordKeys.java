package routes.schema;

import org.apache.camel.Body;

/** The Kafka key of each wire record, as the wire contract says (docs/ARCHITECTURE.md, "Topics", "Why these keys"). */
public final class RecordKeys {

    /**
     * The Kafka key the wire contract gives a record: a message's id (so compaction and upserts
     * see one message), a question's channel and asker (so one asker's questions keep their order,
     * while a busy channel's askers spread over the partitions and are answered side by side), an
     * answer's channel, a dead letter's original key, an opt-out's member or channel, a vote's answer and member, a channel setting's channel.
     */
    public String keyOf(@Body Object record) {
        if (record instanceof DiscordMessage message) {
            return message.messageId();
        } else if (record instanceof BotQuery query) {
            return query.userId() == null ? query.channelId() : query.channelId() + ":" + query.userId();
        } else if (record instanceof BotResponse response) {
            return response.channelId();
        } else if (record instanceof DeadLetter letter) {
            return letter.key();
        } else if (record instanceof OptOut choice) {
            return choice.key();
        } else if (record instanceof Feedback vote) {
            return vote.key();
        } else if (record instanceof ChannelSetting setting) {
            return setting.key();
        }
        throw new IllegalArgumentException("not a wire record: " + (record == null ? "null" : record.getClass().getName()));
    }
}
