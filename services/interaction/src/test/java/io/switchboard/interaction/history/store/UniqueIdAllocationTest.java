package io.switchboard.interaction.history.store;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.EventStore;
import io.switchboard.interaction.history.domain.Interaction;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collisions of random unique ids are resolved by drawing again: in a space of 90 two-digit ids,
 * 60 concurrent starts in one account are bound to collide, and all must still get distinct ids.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class UniqueIdAllocationTest {
    @Inject
    EventStore eventStore;

    @Inject
    Pool pool;

    @Test
    void collidingRandomIdsAreDrawnAgainUntilFree() {
        InteractionStore store = new InteractionStore(eventStore, pool, 2);
        String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        List<Uni<Interaction>> starts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            starts.add(store.start("acme", account, null, "18001234567", Map.of(), Instant.now()));
        }

        List<Interaction> started = Uni.join().all(starts).andFailFast().await().atMost(Duration.ofMinutes(2));

        assertThat(started).extracting(Interaction::uniqueId).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[1-9][0-9]"));
        long stored = pool.preparedQuery("SELECT count(DISTINCT unique_id) FROM interaction_unique_ids WHERE account_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(account)).await().indefinitely().iterator().next().getLong(0);
        assertThat(stored).isEqualTo(60);
    }
}
