package io.switchboard.interaction.call;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.interaction.routing.CallRinger;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import io.switchboard.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.call.CallFixtures.ACME_AGENT;
import static io.switchboard.interaction.call.CallFixtures.ACME_SYSTEM;
import static io.switchboard.interaction.call.CallFixtures.CALLS;
import static io.switchboard.interaction.call.CallFixtures.connectedCall;
import static io.switchboard.interaction.call.CallFixtures.eventTypes;
import static io.switchboard.interaction.call.CallFixtures.events;
import static io.switchboard.interaction.call.CallFixtures.newCall;
import static io.switchboard.interaction.call.CallFixtures.newInboundCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The routing package rings agents through the CallRinger the call package provides. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class StoreCallRingerTest {
    @Inject
    CallRinger ringer;

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @BeforeEach
    void directory() {
        CallFixtures.directory(store);
    }

    @Test
    void aQueuedCallRingsTheAgentOnce() {
        int id = newInboundCall(ACME_AGENT);

        assertThat(ringer.ring("acme", id, 900021).await().indefinitely()).isTrue();
        assertThat(events(pool, id, "CallConnecting")).singleElement()
                .satisfies(e -> assertThat(e.getLong("agentId")).isEqualTo(900021L));
        given().auth().oauth2(ACME_AGENT).when().get(CALLS + "/" + id)
                .then().body("status", equalTo("connecting"), "agent_info.id", equalTo(900021));

        assertThat(ringer.ring("acme", id, 900022).await().indefinitely()).as("already ringing someone").isFalse();
        assertThat(events(pool, id, "CallConnecting")).hasSize(1);
    }

    @Test
    void callsThatDoNotWaitForAnAgentAreNotRung() {
        int connected = connectedCall();
        int outbound = newCall(CallFixtures.ANN_AGENT, "{\"call_type\": \"OutboundCall\", \"agent_email\": \"ann@example.com\", "
                + "\"agent_id\": 900021, \"end_user_number\": \"+1 555 0100\"}");
        int scheduled = newCall(ACME_AGENT, "{\"call_type\": \"ScheduledCall\", \"end_user_number\": \"+1 555 0100\", "
                + "\"menu_id\": 900007, \"scheduled_at\": \"" + Instant.now().plusSeconds(3600) + "\"}");
        int ended = newInboundCall(ACME_AGENT);
        CallFixtures.step(ACME_SYSTEM, ended, "ended", "{}").statusCode(200);
        int queued = newInboundCall(ACME_AGENT);

        for (int id : new int[]{connected, outbound, scheduled, ended}) {
            int before = eventTypes(pool, id).size();
            assertThat(ringer.ring("acme", id, 900022).await().indefinitely()).as("call %d", id).isFalse();
            assertThat(eventTypes(pool, id)).hasSize(before);
        }
        assertThat(ringer.ring("acme", 999_999_999L, 900022).await().indefinitely()).as("unknown call").isFalse();
        assertThat(ringer.ring("globex", queued, 900022).await().indefinitely()).as("another partner's call").isFalse();
        assertThat(eventTypes(pool, queued)).doesNotContain("CallConnecting");
    }

    @Test
    void anUnansweredRingSendsTheCallBackToTheQueueWhereItCanRingAgain() {
        int id = newInboundCall(ACME_AGENT);
        assertThat(ringer.ring("acme", id, 900021).await().indefinitely()).isTrue();
        CallFixtures.step(ACME_SYSTEM, id, "queued", "{}").statusCode(200).body("status", equalTo("queued"));
        assertThat(ringer.ring("acme", id, 900022).await().indefinitely()).isTrue();
        assertThat(events(pool, id, "CallConnecting")).extracting(e -> e.getLong("agentId")).containsExactly(900021L, 900022L);
    }
}
