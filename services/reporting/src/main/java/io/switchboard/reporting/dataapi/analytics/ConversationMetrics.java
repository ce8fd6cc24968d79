package io.switchboard.reporting.dataapi.analytics;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer of {@code getConversationMetrics}: the request as understood (UTC bounds, zone, interval, grouping) and
 * one row per partner, bucket and group that has at least one conversation, ordered by partner, bucket start and
 * group id (the group without an id last).
 */
public record ConversationMetrics(String interval, String timeZone, String from, String to, String groupBy,
                                  String channel, List<Row> rows) {

    /** One bucket of one group; times are UTC ISO-8601 with milliseconds. */
    public record Row(String partnerId, String bucketStart, String bucketEnd, Group group, int conversations,
                      int calls, int chats, int ended, int contained, BigDecimal containedRate, int abandoned,
                      int transferred, int deflected,
                      Duration billingTime, Duration callTime, Duration ivrTime, Duration queueTime,
                      Duration waitTime, Duration handleTime, Duration ringTime, Duration talkTime,
                      Duration holdTime, Duration conferenceTime, Duration thirdPartyTalkTime,
                      Duration transferTime) {
    }

    /** The group a row is about; {@code id} null = the conversations without one (e.g. no menu). */
    public record Group(String by, String id, String name) {
    }

    /** A duration metric over the conversations (or transfers) it applies to: how many, their sum and mean. */
    public record Duration(int count, BigDecimal total, BigDecimal average) {
    }
}
