package io.switchboard.reporting.dataapi.fetch;

/**
 * Whose data a GraphQL execution reads: the partner (the path's, checked against the caller's) and the
 * caller's own agent id (null for callers that are not an agent), which "my conversations" queries use.
 */
public record DataCaller(String partnerId, Long agentId) {
}
