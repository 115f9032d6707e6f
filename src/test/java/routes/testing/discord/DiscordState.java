package routes.testing.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import routes.testing.discord.FakeDiscord.Call;
import routes.testing.discord.FakeDiscord.Channel;
import routes.testing.discord.FakeDiscord.Member;
import routes.testing.discord.FakeDiscord.Thread;

/**
 * What the fake Discord knows: its one guild as it stands, every message said so far, and the REST calls the
 * bot made.
 */
final class DiscordState {

    static final long DISCORD_EPOCH = 1420070400000L;
    /** When the archived threads were archived. */
    static final Instant ARCHIVED_AT = Instant.parse("2025-01-01T00:00:00Z");

    final String guildId;
    final List<Channel> channels;
    final List<Member> members;
    /** A forum post adds its thread while the bot runs. */
    final List<Thread> threads;
    final Set<String> forums = ConcurrentHashMap.newKeySet();
    /** Forums where the bot holds Manage Threads (a member overwrite), which tagging a post needs. */
    final Set<String> threadManagerIn = ConcurrentHashMap.newKeySet();
    /** A forum post's owner and the tags applied to it, by the post's (thread's) id. */
    final Map<String, String> postOwners = new ConcurrentHashMap<>();
    final Map<String, List<String>> appliedTags = new ConcurrentHashMap<>();
    /** Roles that carry Manage Server (0x20) at guild level; any other role grants nothing by itself. */
    final Set<String> managerRoles = ConcurrentHashMap.newKeySet();
    /** Roles given or taken since the start (the member REST endpoint answers with these). */
    final Map<String, Set<String>> currentRoles = new ConcurrentHashMap<>();
    /** Every message created so far, by id: what a reply references and what history pages list. */
    final Map<String, ObjectNode> created = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    DiscordState(String guildId, List<Channel> channels, List<Member> members, List<Thread> threads) {
        this.guildId = guildId;
        this.channels = channels;
        this.members = members;
        this.threads = new CopyOnWriteArrayList<>(threads);
    }

    /** A snowflake of this moment: Discord ids grow with time. */
    String nextId() {
        return idAt(Instant.now());
    }

    /** A snowflake holds its time: an id made for a past moment sorts before today's. */
    String idAt(Instant at) {
        return Long.toString(((at.toEpochMilli() - DISCORD_EPOCH) << 22) + (ids.incrementAndGet() & 0x3FFFFF));
    }

    static Instant timeOf(String snowflake) {
        return Instant.ofEpochMilli((Long.parseLong(snowflake) >> 22) + DISCORD_EPOCH);
    }

    Set<String> rolesOf(String memberId) {
        Set<String> changed = currentRoles.get(memberId);
        return changed != null ? changed : member(memberId).map(Member::roles).orElse(Set.of());
    }

    Optional<Member> member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** A member, or the bot itself. */
    Member author(String id) {
        return id.equals(FakeDiscord.BOT_ID) ? new Member(FakeDiscord.BOT_ID, "rtfm", true) : member(id).orElseThrow();
    }

    Optional<Thread> thread(String id) {
        return threads.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    String channelName(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).map(Channel::name).findFirst().orElse("gone");
    }

    /** A forum post's owner: whoever opened it, else the guild's owner (the first member). */
    String ownerOf(String threadId) {
        return postOwners.getOrDefault(threadId, members.get(0).id());
    }
}
