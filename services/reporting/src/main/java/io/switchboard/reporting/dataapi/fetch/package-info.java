/**
 * What the Platform Data API's data fetchers of every domain share with the engine that runs them: whose data a
 * request reads ({@link io.switchboard.reporting.dataapi.fetch.DataCaller}), a refused argument
 * ({@link io.switchboard.reporting.dataapi.fetch.ArgumentProblem}), a failed read
 * ({@link io.switchboard.reporting.dataapi.fetch.DataAccessFailure}). Its own package so that domains
 * ({@code dataapi.dimensions}, …) and the engine ({@code dataapi.graphql}) depend on it, not on each other.
 */
package io.switchboard.reporting.dataapi.fetch;
