package io.switchboard.redaction.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Menu names (a message's {@code workflow}) and agents' emails (an agent's {@code senderemail}) from the
 * directory events of {@code switchboard.interaction}; joined when messages are read, so a name announced
 * after the message still shows. A null field of an update keeps what was known.
 */
@ApplicationScoped
public class DirectoryNames {

    public Uni<Void> menu(SqlConnection tx, String partnerId, long menuId, String name) {
        return tx.preparedQuery("""
                        INSERT INTO redaction_menus AS m (partner_id, menu_id, name) VALUES ($1, $2, $3)
                        ON CONFLICT (partner_id, menu_id) DO UPDATE SET name = coalesce(EXCLUDED.name, m.name)""")
                .execute(Tuple.of(partnerId, menuId, name))
                .replaceWithVoid();
    }

    public Uni<Void> agent(SqlConnection tx, String partnerId, long agentId, String name, String email) {
        return tx.preparedQuery("""
                        INSERT INTO redaction_agents AS a (partner_id, agent_id, name, email) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (partner_id, agent_id) DO UPDATE SET name = coalesce(EXCLUDED.name, a.name),
                            email = coalesce(EXCLUDED.email, a.email)""")
                .execute(Tuple.of(partnerId, agentId, name, email))
                .replaceWithVoid();
    }
}
