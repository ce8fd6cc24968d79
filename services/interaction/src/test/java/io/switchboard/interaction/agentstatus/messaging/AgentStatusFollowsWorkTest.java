package io.switchboard.interaction.agentstatus.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import io.switchboard.interaction.agentstatus.domain.AgentStatus;
import io.switchboard.interaction.agentstatus.domain.Status;
import io.switchboard.interaction.agentstatus.store.AgentStatuses;
import io.switchboard.interaction.agentstatus.store.WrapUps;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.directory.DirectoryFixtures.BASE;
import static io.switchboard.interaction.directory.DirectoryFixtures.admin;
import static io.switchboard.interaction.directory.DirectoryFixtures.eventTypes;
import static io.switchboard.interaction.directory.DirectoryFixtures.newAgent;
import static io.switchboard.interaction.directory.DirectoryFixtures.newPartner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Call and chat events through the real Kafka broker move agents between statuses, once per fact. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class AgentStatusFollowsWorkTest {
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AgentStatuses statuses;

    @Inject
    WrapUps wrapUps;

    @Inject
    Pool pool;

    @Inject
    io.switchboard.consumer.quarkus.ReadModelConsumers consumers;

    private EnvelopePublisher publisher;

    @BeforeEach
    void connect() {
        // Read here, not injected: every test class is a bean of every test app, and the apps of test
        // classes without the Kafka resource have no broker address.
        String bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        publisher = new EnvelopePublisher(bootstrapServers);
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aConnectedCallPutsTheAgentInCallAndADuplicateChangesNothing() throws Exception {
        String partner = newPartner();
        long ann = availableAgent(partner, "Ann");
        long call = IDS.incrementAndGet();
        EventEnvelope connected = envelope(partner, "call", call, 1, new CallConnected(call, ann, now()));

        send(Topics.INTERACTION, connected);
        awaitStatus(partner, ann, Status.IN_CALL);
        send(Topics.INTERACTION, connected);
        // Another fact about the same call (the agent's participant joining) is not new work either.
        send(Topics.INTERACTION, envelope(partner, "call", call, 2,
                new ParticipantJoined(call, 501, "agent", ann, null, null, now())));
        // Ending the call afterwards proves the redeliveries above were consumed before it.
        send(Topics.INTERACTION, envelope(partner, "call", call, 3, new CallEnded(call, "finished", "end_user", null, 60_000, 0, now())));
        awaitStatus(partner, ann, Status.WRAP_UP);

        assertThat(eventTypes(pool, "agent-" + ann)).containsExactly("AgentCreated", "AgentStatusChanged",
                "AgentWorkStarted", "AgentStatusChanged", "AgentWorkEnded", "AgentStatusChanged");
        var changes = io.switchboard.interaction.directory.DirectoryFixtures.events(pool, "agent-" + ann).stream()
                .filter(e -> e.type().equals("AgentStatusChanged")).map(e -> e.data().getString("previousStatus") + "->"
                        + e.data().getString("status")).toList();
        assertThat(changes).containsExactly("offline->available", "available->in_call", "in_call->wrap_up");
    }

    @Test
    void wrapUpEndsAfterThePeriodBackToAvailable() throws Exception {
        String partner = newPartner();
        long ann = availableAgent(partner, "Ann");
        long bob = availableAgent(partner, "Bob");
        long call = IDS.incrementAndGet();
        send(Topics.INTERACTION, envelope(partner, "call", call, 1, new ParticipantJoined(call, 601, "agent", ann, null, null, now())));
        send(Topics.INTERACTION, envelope(partner, "call", call, 2, new ParticipantJoined(call, 602, "agent", bob, null, null, now())));
        awaitStatus(partner, ann, Status.IN_CALL);
        awaitStatus(partner, bob, Status.IN_CALL);
        send(Topics.INTERACTION, envelope(partner, "call", call, 3, new ParticipantLeft(call, 601, now())));
        send(Topics.INTERACTION, envelope(partner, "call", call, 4, new ParticipantLeft(call, 602, now())));
        awaitStatus(partner, ann, Status.WRAP_UP);
        awaitStatus(partner, bob, Status.WRAP_UP);

        // The sweep finds every agent whose latest change is the wrap-up (one by one, through the index).
        long last = status(partner, ann).changedAt().isAfter(status(partner, bob).changedAt()) ? ann : bob;
        Instant wrappedUpAt = status(partner, last).changedAt();
        wrapUps.sweep(wrappedUpAt.plusSeconds(29)).await().indefinitely();
        assertThat(status(partner, last).status()).isEqualTo(Status.WRAP_UP);
        wrapUps.sweep(wrappedUpAt.plusSeconds(30)).await().indefinitely();
        assertThat(status(partner, ann).status()).isEqualTo(Status.AVAILABLE);
        assertThat(status(partner, bob).status()).isEqualTo(Status.AVAILABLE);
    }

    @Test
    void aChatAssignedToAnAgentPutsThemInChatUntilItFinishes() throws Exception {
        String partner = newPartner();
        long ann = availableAgent(partner, "Ann");
        long chat = IDS.incrementAndGet();
        EventEnvelope assigned = envelope(partner, "chat", chat, 2, new ChatAssigned(chat, "agent", ann, "Ann Lee", 1, "router", now(), 1));

        send(Topics.CHAT, assigned);
        awaitStatus(partner, ann, Status.IN_CHAT);
        send(Topics.CHAT, assigned);
        send(Topics.CHAT, envelope(partner, "chat", chat, 3, new ChatFinished(chat, "finished", null, ann, now())));
        awaitStatus(partner, ann, Status.AVAILABLE);

        assertThat(eventTypes(pool, "agent-" + ann)).containsExactly("AgentCreated", "AgentStatusChanged",
                "AgentWorkStarted", "AgentStatusChanged", "AgentWorkEnded", "AgentStatusChanged");
    }

    @Test
    void chatsOfVirtualAgentsAndAgentsOfOtherPartnersAreLeftAlone() throws Exception {
        String partner = newPartner();
        long ann = availableAgent(partner, "Ann");
        long chat = IDS.incrementAndGet();
        String key = TestEnvelopes.key("chat", chat);
        send(Topics.CHAT, envelope(partner, "chat", chat, 2, new ChatAssigned(chat, "virtual_agent", ann, "Bot", 1, "router", now(), 1)));
        // Everything below travels on the first chat's key (one partition, in order), so once the marker
        // is applied the two events before it were consumed: their not counting as work is proven.
        publisher.publishKeyed(Topics.CHAT, key, envelope(newPartner(), "chat", chat + 1, 2,
                new ChatAssigned(chat + 1, "agent", ann, "Ann", 1, "router", now(), 1)));
        long marker = IDS.incrementAndGet();
        publisher.publishKeyed(Topics.CHAT, key, envelope(partner, "chat", marker, 2,
                new ChatAssigned(marker, "agent", ann, "Ann", 1, "router", now(), 1)));
        awaitStatus(partner, ann, Status.IN_CHAT);

        assertThat(status(partner, ann).work()).containsExactly("chat:" + marker);
    }

    @Test
    void workTheDatabaseRefusesIsRetriedUntilItApplies() throws Exception {
        String partner = newPartner();
        long ann = availableAgent(partner, "Ann");
        long call = IDS.incrementAndGet();
        pool.query("ALTER TABLE agent_work ADD CONSTRAINT refuse_" + call + " CHECK (work_id <> " + call + ") NOT VALID")
                .execute().await().indefinitely();
        try {
            send(Topics.INTERACTION, envelope(partner, "call", call, 1, new CallConnected(call, ann, now())));
            await().atMost(PATIENCE).until(() -> consumers.named("agent-status").orElseThrow().status().lastError() != null);
            assertThat(status(partner, ann).status()).isEqualTo(Status.AVAILABLE);
        } finally {
            pool.query("ALTER TABLE agent_work DROP CONSTRAINT refuse_" + call).execute().await().indefinitely();
        }
        awaitStatus(partner, ann, Status.IN_CALL);
        assertThat(eventTypes(pool, "agent-" + ann)).containsExactly("AgentCreated", "AgentStatusChanged",
                "AgentWorkStarted", "AgentStatusChanged");
    }

    private long availableAgent(String partner, String name) {
        int id = newAgent(admin(partner), name);
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body("{\"status\": \"available\"}")
                .when().put(BASE + "/agents/" + id + "/status").then().statusCode(200);
        return id;
    }

    private AgentStatus status(String partner, long agent) {
        return statuses.find(partner, agent).await().indefinitely().orElseThrow();
    }

    private void awaitStatus(String partner, long agent, Status expected) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(partner, agent).status()).isEqualTo(expected));
    }

    private void send(String topic, EventEnvelope envelope) throws Exception {
        publisher.publish(topic, envelope);
    }

    private static EventEnvelope envelope(String partner, String type, long id, long sequence, DomainEvent data) {
        return TestEnvelopes.envelope(partner, type, id, sequence, data);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
