package routes.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A channel's proactive-answer choice on the compacted rtfm-channel-settings topic (key
 * guild_id:channel_id): the latest per channel is the one in force, and a channel with none is off.
 * Set by /rtfm autoanswer, which only a member with Manage Server may use.
 */
public record ChannelSetting(
        String guildId,
        String channelId,
        boolean autoanswer,
        String setBy,
        String at,
        Integer schemaVersion) {

    public static String key(String guildId, String channelId) {
        return guildId + ":" + channelId;
    }

    @JsonIgnore
    public String key() {
        return key(guildId, channelId);
    }
}
