package io.switchboard.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManagerApiTailTest {
    @Test
    void theNextCursorComesFromTheLinkHeader() {
        assertThat(ManagerApiTail.nextCursor("<http://127.0.0.1:8385/manager/api/v1/calls?per=1000&cursor=1234>; rel=\"next\""))
                .isEqualTo(1234L);
        assertThat(ManagerApiTail.nextCursor("<http://h/x?cursor=1&per=2>; rel=\"first\", <http://h/x?per=2&cursor=99>; rel=\"next\""))
                .isEqualTo(99L);
        assertThat(ManagerApiTail.nextCursor("<http://h/x?cursor=1>; rel=\"first\"")).isNull();
    }

    @Test
    void aCallRowShowsTheStepsItHasReached() {
        assertThat(ManagerApiTail.callMarkers(Json.read("{\"id\": 1, \"queued_at\": \"2026-12-06T01:25:09.850Z\", \"connected_at\": null, \"ends_at\": null}")))
                .containsExactlyInAnyOrder("created", "queued");
        assertThat(ManagerApiTail.callMarkers(Json.read("{\"id\": 1, \"queued_at\": \"x\", \"connected_at\": \"y\", \"ends_at\": \"z\"}")))
                .containsExactlyInAnyOrder("created", "queued", "connected", "ended");
    }

    @Test
    void aChatRowShowsEachMessageItCounts() {
        assertThat(ManagerApiTail.chatMarkers(Json.read("{\"id\": 1, \"message_count\": 3, \"ends_at\": null}")))
                .containsExactlyInAnyOrder("created", "msg:1", "msg:2", "msg:3");
        assertThat(ManagerApiTail.chatMarkers(Json.read("{\"id\": 1, \"message_count\": 0, \"ends_at\": \"z\"}")))
                .containsExactlyInAnyOrder("created", "finished");
    }
}
