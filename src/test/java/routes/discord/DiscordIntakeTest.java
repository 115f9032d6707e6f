package routes.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import routes.gateway.GatewayContext;
import routes.schema.DiscordMessage;

/** The gateway's hand-over to the routes, with discord-in stuck the way a Kafka outage leaves it. */
class DiscordIntakeTest {

    private final CountDownLatch kafkaBack = new CountDownLatch(1);
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:discord-in").process(exchange -> {
                    kafkaBack.await(30, TimeUnit.SECONDS);
                    published.add(exchange.getMessage().getBody(DiscordMessage.class).messageId()
                            + ":" + exchange.getMessage().getBody(DiscordMessage.class).event());
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        kafkaBack.countDown();
        camel.stop();
    }

    @Test
    void jdasThreadNeverWaitsAndAMessagesEventsKeepTheirOrder() {
        DiscordIntake intake = new DiscordIntake(camel, 100, dropped::incrementAndGet);
        for (String event : List.of(DiscordMessage.CREATED, DiscordMessage.UPDATED, DiscordMessage.DELETED)) {
            intake.message(message("7", event), GatewayContext.of(DiscordIntake.ORIGIN));
        }
        // all three calls returned although nothing could be published yet
        assertThat(published).isEmpty();
        kafkaBack.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 3);
        assertThat(published).containsExactly("7:created", "7:updated", "7:deleted");
        assertThat(dropped).hasValue(0);
    }

    @Test
    void aFullBufferDropsTheNewestAndCountsIt() {
        DiscordIntake intake = new DiscordIntake(camel, 2, dropped::incrementAndGet);
        for (int i = 1; i <= 4; i++) {
            // the first is being sent (stuck), two wait in the buffer, the fourth finds it full
            intake.message(message(Integer.toString(i), DiscordMessage.CREATED), GatewayContext.of(DiscordIntake.ORIGIN));
            if (i == 1) {
                await().atMost(Duration.ofSeconds(5)).until(() -> camel.getInflightRepository().size() == 1);
            }
        }
        assertThat(dropped).hasValue(1);
        kafkaBack.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 3);
        assertThat(published).containsExactly("1:created", "2:created", "3:created");
    }

    private static DiscordMessage message(String id, String event) {
        return new DiscordMessage(id, "hello", "ana", "7", "general", "2025-11-02T12:34:56Z", Map.of(), 1, event, "g", "general", null,
                null, false, List.of(), null, null, null);
    }
}
