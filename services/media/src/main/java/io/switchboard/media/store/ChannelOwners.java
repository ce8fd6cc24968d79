package io.switchboard.media.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.media.domain.Channel;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Whose chat or call it is, as far as the chat and interaction services have told this one. */
@ApplicationScoped
public class ChannelOwners {
    /** The read model's tables: a rebuild empties them and replays the topics. */
    public static final String[] TABLES = {"channel_owners"};

    private final Pool pool;

    public ChannelOwners(Pool pool) {
        this.pool = pool;
    }

    /** An owned chat or call: for a call, its interaction unique id if it has one (else null). */
    public record Owned(String interactionUniqueId) {
    }

    /**
     * The chat or call if it is the partner's; another partner's, or one not announced yet, is as absent as
     * one that never existed (404).
     */
    public Uni<Owned> requireOwned(String partnerId, Channel channel, long channelId) {
        return pool.preparedQuery("SELECT partner_id, interaction_unique_id FROM channel_owners WHERE channel = $1 AND channel_id = $2")
                .execute(Tuple.of(channel.wire(), channelId))
                .map(rows -> {
                    if (rows.size() == 0 || !partnerId.equals(rows.iterator().next().getString(0))) {
                        throw new AggregateNotFoundException(channel.wire(), Long.toString(channelId));
                    }
                    return new Owned(rows.iterator().next().getString(1));
                });
    }

    /** Records the owner; the first announcement wins (ids never move between partners). */
    public static Uni<Void> record(SqlClient transaction, String partnerId, Channel channel, long channelId,
                                   String interactionUniqueId) {
        return transaction.preparedQuery("""
                        INSERT INTO channel_owners (channel, channel_id, partner_id, interaction_unique_id) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (channel, channel_id) DO NOTHING""")
                .execute(Tuple.of(channel.wire(), channelId, partnerId, interactionUniqueId))
                .replaceWithVoid();
    }
}
