package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** A call or chat in progress: {@code type} call | chat, since it was connected (call) or assigned (chat). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveWork(String type, long id, Long menuId, Instant since) {
}
