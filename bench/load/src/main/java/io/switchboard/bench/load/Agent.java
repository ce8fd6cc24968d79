package io.switchboard.bench.load;

/**
 * A directory agent of a simulated partner and the Keycloak user linked to it (its {@code agent_id}).
 *
 * @param id         the directory id (interaction service)
 * @param voice      takes calls (the provider rings it); otherwise takes the chats the router hands it
 * @param credential its own login
 */
public record Agent(long id, boolean voice, Credential credential) {
}
