package io.switchboard.reporting.dataapi.graphql;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** A standard GraphQL request body (its names in camelCase, as every GraphQL client sends them); the document and its names are bounded before any parsing. */
public record GraphqlRequest(@NotBlank @Size(max = DataGraph.MAX_QUERY_CHARS) String query,
                             @JsonProperty("operationName") @Size(max = 100) String operationName,
                             @Size(max = 50) Map<String, Object> variables) {
}
