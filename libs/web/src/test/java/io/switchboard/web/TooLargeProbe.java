package io.switchboard.web;

import io.switchboard.eventstore.EventTooLargeException;
import io.switchboard.eventstore.StreamId;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A test-only endpoint whose event would not fit the event store. */
@Path("/probe/too-large-event")
public class TooLargeProbe {

    @POST
    public String append(String body) {
        throw new EventTooLargeException(new StreamId("chat", "42"), "MessageSent", 600_000, 524_288);
    }
}
