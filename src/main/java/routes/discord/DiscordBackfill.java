package routes.discord;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.backfill.Watermark;
import routes.backfill.Watermarks;
import routes.schema.DiscordMessage;

/**
 * Reads the history of every channel and thread the bot can read (text channels, active threads,
 * archived public threads, and archived private ones where it may Manage Threads) into
 * discord-messages as history: source backfill, never a question. Per channel it first reads
 * forward from the newest message done (what was said while it was away), then backward from the
 * oldest done to rtfm.backfill.max-age-days, saving the watermark after every page; a channel
 * already complete costs one request. It runs on its own thread, through JDA's rate-limited
 * requester, so live messages and answers never wait behind it.
 */
final class DiscordBackfill implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordBackfill.class);
    private static final int PAGE = 100;
    private static final Set<MessageType> KNOWLEDGE = Set.of(MessageType.DEFAULT, MessageType.INLINE_REPLY);

    private final Watermarks watermarks;
    private final Consumer<DiscordMessage> publish;
    private final int maxAgeDays;
    private final Runnable counted;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicBoolean queued = new AtomicBoolean();
    /** A pass that could not finish (Kafka or Discord unreachable) is tried again after this long. */
    private static final long RETRY_SECONDS = 60;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rtfm-discord-backfill");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param publish sends one record to the log; it throws when the record was not taken, so the watermark stays behind it
     * @param counted called once per message published
     */
    DiscordBackfill(Watermarks watermarks, Consumer<DiscordMessage> publish, int maxAgeDays, Runnable counted) {
        this.watermarks = watermarks;
        this.publish = publish;
        this.maxAgeDays = maxAgeDays;
        this.counted = counted;
    }

    /** Channels still to read in the pass under way (rtfm_backfill_channels_remaining). */
    int remaining() {
        return remaining.get();
    }

    /** Reads every readable channel once more, soon; a pass already waiting covers this request too. */
    void requestPass(JDA jda) {
        if (!worker.isShutdown() && queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                pass(jda);
            });
        }
    }

    private void pass(JDA jda) {
        long started = System.nanoTime();
        List<GuildMessageChannel> channels = new ArrayList<>();
        try {
            for (Guild guild : jda.getGuilds()) {
                channels.addAll(ReadableHistory.of(guild));
            }
        } catch (RuntimeException | Error e) {
            LOG.warn("Backfill could not list the channels it may read: {}; another pass in {} s", e.getMessage(), RETRY_SECONDS);
            retryLater(jda);
            return;
        }
        remaining.set(channels.size());
        long published = 0;
        int unfinished = 0;
        for (GuildMessageChannel channel : channels) {
            try {
                published += backfill(channel);
            } catch (RuntimeException | Error e) {
                // an Error too: it would end the pass with no other one scheduled, and the channels left unread until a reconnect
                if (Thread.currentThread().isInterrupted() || worker.isShutdown()) {
                    return;
                }
                unfinished++;
                LOG.warn("Backfill of #{} ({}) stopped: {}; it resumes from its watermark", channel.getName(), channel.getId(), e.getMessage());
            } finally {
                remaining.decrementAndGet();
            }
        }
        if (unfinished > 0) {
            LOG.warn("Backfill left {} channel(s) unfinished; another pass in {} s", unfinished, RETRY_SECONDS);
            retryLater(jda);
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        LOG.info("Backfill pass done: {} channel(s) and thread(s), {} message(s) published in {} s ({} messages/s)", channels.size(),
                published, String.format("%.1f", seconds), Math.round(published / seconds));
    }

    private void retryLater(JDA jda) {
        if (!worker.isShutdown()) {
            worker.schedule(() -> requestPass(jda), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Reads one channel's history as far as its watermark says is left; returns how many messages it published. */
    private long backfill(GuildMessageChannel channel) {
        String guildId = channel.getGuild().getId();
        Watermark mark = watermarks.get(guildId, channel.getId());
        long published = 0;
        int requests = 0;
        if (mark != null) {
            // what was said while no bot was reading: forward from the newest done (a channel's id is older than its messages)
            String after = mark.newestDone() != null ? mark.newestDone() : channel.getId();
            while (true) {
                List<Message> page = MessageHistory.getHistoryAfter(channel, after).limit(PAGE).complete().getRetrievedHistory();
                requests++;
                int sent = publish(page);
                published += sent;
                if (!page.isEmpty()) {
                    after = page.get(0).getId();
                    mark = mark.reading(after, mark.oldestDone() != null ? mark.oldestDone() : page.get(page.size() - 1).getId(), sent,
                            mark.complete());
                    watermarks.save(mark);
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        if (mark == null || !mark.complete()) {
            OffsetDateTime cutoff = maxAgeDays <= 0 ? null : OffsetDateTime.now().minusDays(maxAgeDays);
            String before = mark == null ? null : mark.oldestDone();
            while (true) {
                List<Message> page = before == null ? channel.getHistory().retrievePast(PAGE).complete()
                        : MessageHistory.getHistoryBefore(channel, before).limit(PAGE).complete().getRetrievedHistory();
                requests++;
                List<Message> recent = cutoff == null ? page : page.stream().filter(m -> m.getTimeCreated().isAfter(cutoff)).toList();
                int sent = publish(recent);
                published += sent;
                boolean done = page.size() < PAGE || recent.size() < page.size();
                String newest = mark != null && mark.newestDone() != null ? mark.newestDone() : page.isEmpty() ? null : page.get(0).getId();
                if (!page.isEmpty()) {
                    before = page.get(page.size() - 1).getId();
                }
                mark = (mark != null ? mark : new Watermark(guildId, channel.getId(), null, null, false, 0, null))
                        .reading(newest, before, sent, done);
                watermarks.save(mark);
                if (done) {
                    break;
                }
            }
        }
        LOG.info("Backfill #{} ({}): {} message(s) this pass, {} in all, {} history request(s), {}", channel.getName(), channel.getId(),
                published, mark.messages(), requests, mark.complete() ? "complete" : "continuing");
        return published;
    }

    /** Publishes a page (newest first, as Discord gives it) oldest first: replies after what they reply to. */
    private int publish(List<Message> newestFirst) {
        int sent = 0;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Message message = newestFirst.get(i);
            if (message.getAuthor().getIdLong() == message.getJDA().getSelfUser().getIdLong() || !KNOWLEDGE.contains(message.getType())) {
                continue;
            }
            publish.accept(DiscordRecords.toRecord(message, DiscordMessage.CREATED, false).withSource(DiscordMessage.BACKFILL));
            counted.run();
            sent++;
        }
        return sent;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
