package io.switchboard.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import java.util.HashMap;
import java.util.Map;

/** A test-only API for {@link CallerIdentity}: which agent would a command of this caller act as? */
@Path("/probe/acting-agent")
public class ActorProbeResource {

    @Inject
    CallerIdentity caller;

    @GET
    public Map<String, Object> actingAgent(@QueryParam("agent_id") Long named) {
        Map<String, Object> answer = new HashMap<>();
        answer.put("own", caller.agentId());
        answer.put("acts_for_others", caller.actsForOthers());
        answer.put("acting", caller.actingAgent(named, "agent_id"));
        return answer;
    }
}
