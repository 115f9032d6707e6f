package routes.dashboard;

import java.util.Map;
import java.util.Set;

/**
 * One guild as a viewer may see it now: its name, the names of its channels, and the channels whose
 * questions the viewer may read (null: every channel, in local mode where nobody logs in).
 */
public record GuildView(String id, String name, Set<String> readableChannels, Map<String, String> channelNames) {

    public boolean mayRead(String channelId) {
        return readableChannels == null || (channelId != null && readableChannels.contains(channelId));
    }

    public String channelName(String channelId) {
        String name = channelNames.get(channelId);
        return name != null ? name : channelId;
    }
}
