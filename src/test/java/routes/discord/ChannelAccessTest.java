package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.ThreadMember;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.unions.IThreadContainerUnion;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.restaction.CacheRestAction;
import org.junit.jupiter.api.Test;

/**
 * Which channels' history a member may read, given what Discord (JDA) says of each permission:
 * JDA computes roles and overwrites; the rule here is which channels and threads count.
 */
class ChannelAccessTest {

    private final Guild guild = mock(Guild.class);
    private final Member member = mock(Member.class);
    private final TextChannel general = channel("10");
    private final TextChannel staff = channel("11");
    private final TextChannel announcements = channel("12");

    private static TextChannel channel(String id) {
        TextChannel channel = mock(TextChannel.class);
        when(channel.getId()).thenReturn(id);
        return channel;
    }

    private void canRead(TextChannel channel, boolean view, boolean history) {
        when(member.hasAccess(channel)).thenReturn(view);
        when(member.hasPermission(channel, Permission.MESSAGE_HISTORY)).thenReturn(history);
    }

    @SuppressWarnings("unchecked")
    private ThreadChannel privateThread(String id, TextChannel parent, boolean isMember) {
        ThreadChannel thread = mock(ThreadChannel.class);
        IThreadContainerUnion parentUnion = mock(IThreadContainerUnion.class);
        String parentId = parent.getId();
        when(parentUnion.getId()).thenReturn(parentId);
        boolean view = member.hasAccess(parent);
        boolean history = member.hasPermission(parent, Permission.MESSAGE_HISTORY);
        when(member.hasAccess(parentUnion)).thenReturn(view);
        when(member.hasPermission(parentUnion, Permission.MESSAGE_HISTORY)).thenReturn(history);
        when(thread.getId()).thenReturn(id);
        when(thread.isPublic()).thenReturn(false);
        when(thread.getParentChannel()).thenReturn(parentUnion);
        CacheRestAction<ThreadMember> lookup = mock(CacheRestAction.class);
        if (isMember) {
            when(lookup.complete()).thenReturn(mock(ThreadMember.class));
        } else {
            when(lookup.complete()).thenThrow(mock(ErrorResponseException.class));
        }
        when(thread.retrieveThreadMemberById(anyLong())).thenReturn(lookup);
        return thread;
    }

    @Test
    void onlyChannelsWithViewAndHistoryCount() {
        canRead(general, true, true);
        canRead(staff, false, false);
        // seeing a channel without its history is not reading it
        canRead(announcements, true, false);
        when(guild.getChannels()).thenReturn(List.of(general, staff, announcements));
        when(guild.getThreadChannels()).thenReturn(List.of());
        assertThat(ChannelAccess.readableChannelIds(guild, member)).containsExactly("10");
    }

    @Test
    void aPrivateThreadCountsForItsMembersOnlyUnlessTheMemberManagesThreads() {
        canRead(general, true, true);
        canRead(staff, false, false);
        ThreadChannel joined = privateThread("20", general, true);
        ThreadChannel notJoined = privateThread("21", general, false);
        ThreadChannel inStaff = privateThread("22", staff, true);
        when(guild.getChannels()).thenReturn(List.of(general, staff));
        when(guild.getThreadChannels()).thenReturn(List.of(joined, notJoined, inStaff));
        assertThat(ChannelAccess.readableChannelIds(guild, member)).containsExactly("10", "20");

        when(member.hasPermission(notJoined.getParentChannel(), Permission.MANAGE_THREADS)).thenReturn(true);
        assertThat(ChannelAccess.readableChannelIds(guild, member)).containsExactly("10", "20", "21");
    }
}
