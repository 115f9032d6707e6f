package routes.discord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.forums.ForumTag;
import net.dv8tion.jda.api.entities.channel.forums.ForumTagSnowflake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A forum post whose solution a member marked gets the forum's "Solved" tag (its name is
 * rtfm.solutions.forum-tag; empty: never), when the forum has such a tag and the bot holds Manage
 * Threads there. Otherwise the mark stands untagged, and the member is told why.
 */
final class SolvedTag {

    private static final Logger LOG = LoggerFactory.getLogger(SolvedTag.class);

    private final String name;

    SolvedTag(String name) {
        this.name = name == null ? "" : name.strip();
    }

    /** Tags the post the thread is; returns what to add to the member's confirmation ("" when nothing is worth saying). */
    String applyTo(ThreadChannel thread) {
        if (name.isEmpty() || thread == null || !(thread.getParentChannel() instanceof ForumChannel forum)) {
            return "";
        }
        Optional<ForumTag> solved = forum.getAvailableTags().stream()
                .filter(tag -> tag.getName().strip().equalsIgnoreCase(name)).findFirst();
        if (solved.isEmpty() || thread.getAppliedTags().contains(solved.get())) {
            return "";
        }
        String tagName = solved.get().getName();
        if (!thread.getGuild().getSelfMember().hasPermission(thread, Permission.MANAGE_THREADS)) {
            return " I can't tag the post " + tagName + ": that needs Manage Threads in #" + forum.getName() + ".";
        }
        List<ForumTagSnowflake> tags = new ArrayList<>(thread.getAppliedTags());
        if (tags.size() >= ForumChannel.MAX_POST_TAGS) {
            return " The post has " + ForumChannel.MAX_POST_TAGS + " tags already, so I didn't add " + tagName + ".";
        }
        tags.add(solved.get());
        thread.getManager().setAppliedTags(tags).queue(done -> { },
                failure -> LOG.warn("Could not tag post {} {}: {}", thread.getId(), tagName, failure.getMessage()));
        return " Tagged the post " + tagName + ".";
    }
}
