package io.switchboard.reporting.live;

import java.time.Instant;

/** A call or chat in progress: {@code type} call | chat, since it was connected (call) or assigned (chat). */
public record LiveWork(String type, long id, Long menuId, Instant since) {
}
