package io.switchboard.reporting.dataapi.policy;

import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access policies of each partner (tables {@code data_access_*}, V20). The defaults are created
 * the first time a partner's policies are read or enforced, once: an admin may then change or delete them. A
 * default added later ({@link DataActions#DEFAULTS_VERSION}) reaches partners seeded before it the same way, once.
 * Every write of one partner's policies runs under a lock of that partner's marker row, so limits hold
 * under concurrent requests.
 */
@ApplicationScoped
public class AccessPolicies {
    public static final int MAX_POLICIES = 50;
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;

    private final DataSource dataSource;
    /** Partners whose defaults exist (a cache: the marker row is the truth). */
    private final Set<String> seeded = ConcurrentHashMap.newKeySet();

    public AccessPolicies(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The actions the roles grant in the partner, through the policies assigned to them. */
    public Set<String> allowedActions(String partner, Collection<String> roles) throws SQLException {
        ensureDefaults(partner);
        Set<String> actions = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT DISTINCT unnest(p.actions) FROM data_access_role_policies r
                       JOIN data_access_policies p ON p.partner_id = r.partner_id AND p.id = r.policy_id
                      WHERE r.partner_id = ? AND r.role = ANY(?)""")) {
            s.setString(1, partner);
            s.setArray(2, c.createArrayOf("text", roles.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        }
        return actions;
    }

    public List<AccessPolicy> list(String partner) throws SQLException {
        ensureDefaults(partner);
        try (Connection c = dataSource.getConnection()) {
            return read(c, partner, null);
        }
    }

    public AccessPolicy create(String partner, String name, String description, List<String> actions) throws SQLException {
        List<String> checked = checkedActions(actions);
        ensureDefaults(partner);
        return inTransaction(partner, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM data_access_policies WHERE partner_id = ?")) {
                s.setString(1, partner);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= MAX_POLICIES) {
                        throw new InvalidCommandException("name", "a partner has at most " + MAX_POLICIES + " policies");
                    }
                }
            }
            uniqueName(c, partner, name, null);
            UUID id = UUID.randomUUID();
            insert(c, partner, id, name, description, checked, Instant.now());
            return read(c, partner, id).get(0);
        });
    }

    public AccessPolicy update(String partner, UUID id, String name, String description, List<String> actions)
            throws SQLException {
        List<String> checked = checkedActions(actions);
        ensureDefaults(partner);
        return inTransaction(partner, c -> {
            uniqueName(c, partner, name, id);
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE data_access_policies SET name = ?, description = ?, actions = ?, updated_at = ?
                     WHERE partner_id = ? AND id = ?""")) {
                s.setString(1, name);
                s.setString(2, description);
                s.setArray(3, c.createArrayOf("text", checked.toArray()));
                s.setTimestamp(4, Timestamp.from(Instant.now()));
                s.setString(5, partner);
                s.setObject(6, id);
                if (s.executeUpdate() == 0) {
                    throw new AggregateNotFoundException("access policy", id.toString());
                }
            }
            return read(c, partner, id).get(0);
        });
    }

    public void delete(String partner, UUID id) throws SQLException {
        ensureDefaults(partner);
        inTransaction(partner, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM data_access_policies WHERE partner_id = ? AND id = ?")) {
                s.setString(1, partner);
                s.setObject(2, id);
                if (s.executeUpdate() == 0) {
                    throw new AggregateNotFoundException("access policy", id.toString());
                }
            }
            return null;
        });
    }

    /** Each assignable role with the ids of its policies. */
    public Map<String, List<UUID>> roles(String partner) throws SQLException {
        ensureDefaults(partner);
        Map<String, List<UUID>> roles = new TreeMap<>();
        DataActions.ASSIGNABLE_ROLES.forEach(r -> roles.put(r, new ArrayList<>()));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT role, policy_id FROM data_access_role_policies WHERE partner_id = ?
                      ORDER BY role, policy_id""")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    roles.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                }
            }
        }
        return roles;
    }

    /** Replaces the role's policies; an id that is not one of the partner's policies is a 400 naming it. */
    public List<UUID> assign(String partner, String role, List<UUID> policies) throws SQLException {
        if (!DataActions.ASSIGNABLE_ROLES.contains(role)) {
            throw new AggregateNotFoundException("role", role);
        }
        ensureDefaults(partner);
        List<UUID> distinct = List.copyOf(new LinkedHashSet<>(policies));
        return inTransaction(partner, c -> {
            Set<UUID> known = new LinkedHashSet<>();
            read(c, partner, null).forEach(p -> known.add(p.id()));
            for (int i = 0; i < policies.size(); i++) {
                if (!known.contains(policies.get(i))) {
                    throw new InvalidCommandException("policies[" + i + "]", "is not a policy of this partner");
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM data_access_role_policies WHERE partner_id = ? AND role = ?")) {
                s.setString(1, partner);
                s.setString(2, role);
                s.executeUpdate();
            }
            for (UUID id : distinct) {
                assignOne(c, partner, role, id);
            }
            return distinct;
        });
    }

    /** Creates the defaults once per partner: the marker row's insert decides who creates them. */
    void ensureDefaults(String partner) throws SQLException {
        if (seeded.contains(partner)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean first;
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO data_access_partners (partner_id, defaults_version) VALUES (?, ?)
                        ON CONFLICT DO NOTHING""")) {
                    s.setString(1, partner);
                    s.setInt(2, DataActions.DEFAULTS_VERSION);
                    first = s.executeUpdate() == 1;
                }
                int had = first ? 0 : seededVersion(c, partner);
                if (had < DataActions.DEFAULTS_VERSION) {
                    Instant now = Instant.now();
                    for (DataActions.DefaultPolicy d : DataActions.DEFAULTS) {
                        // A partner seeded before a default existed gets it once, unless its admin already named
                        // a policy so (theirs stays).
                        if (d.since() > had && (first || !named(c, partner, d.name()))) {
                            // A stable id per partner and default, so logs and tests can name it.
                            UUID id = UUID.nameUUIDFromBytes((partner + "\u0000" + d.name()).getBytes(StandardCharsets.UTF_8));
                            insert(c, partner, id, d.name(), d.description(), d.actions(), now);
                            for (String role : d.roles()) {
                                assignOne(c, partner, role, id);
                            }
                        }
                    }
                    if (!first) {
                        try (PreparedStatement s = c.prepareStatement(
                                "UPDATE data_access_partners SET defaults_version = ? WHERE partner_id = ?")) {
                            s.setInt(1, DataActions.DEFAULTS_VERSION);
                            s.setString(2, partner);
                            s.executeUpdate();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        seeded.add(partner);
    }

    /** The partner's generation of defaults, its marker row locked until the transaction ends (one upgrader). */
    private static int seededVersion(Connection c, String partner) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT defaults_version FROM data_access_partners WHERE partner_id = ? FOR UPDATE")) {
            s.setString(1, partner);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static boolean named(Connection c, String partner, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM data_access_policies WHERE partner_id = ? AND name = ?")) {
            s.setString(1, partner);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<String> checkedActions(List<String> actions) {
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            if (!DataActions.ALL.contains(action)) {
                throw new InvalidCommandException("actions[" + i + "]",
                        "is not an action of the Platform Data API (e.g. conversationdata:getConversationById)");
            }
            if (!checked.contains(action)) {
                checked.add(action);
            }
        }
        return checked;
    }

    private static void uniqueName(Connection c, String partner, String name, UUID except) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM data_access_policies WHERE partner_id = ? AND name = ?")) {
            s.setString(1, partner);
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && !rs.getObject(1, UUID.class).equals(except)) {
                    throw new InvalidCommandException("name", "another policy of this partner has this name");
                }
            }
        }
    }

    private static void insert(Connection c, String partner, UUID id, String name, String description,
                               List<String> actions, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO data_access_policies (partner_id, id, name, description, actions, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, partner);
            s.setObject(2, id);
            s.setString(3, name);
            s.setString(4, description);
            s.setArray(5, c.createArrayOf("text", actions.toArray()));
            s.setTimestamp(6, Timestamp.from(at));
            s.setTimestamp(7, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    private static void assignOne(Connection c, String partner, String role, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO data_access_role_policies (partner_id, role, policy_id) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            s.setString(1, partner);
            s.setString(2, role);
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    private static List<AccessPolicy> read(Connection c, String partner, UUID only) throws SQLException {
        Map<UUID, AccessPolicy> policies = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT p.id, p.name, p.description, p.actions, p.created_at, p.updated_at,
                       ARRAY(SELECT r.role FROM data_access_role_policies r
                              WHERE r.partner_id = p.partner_id AND r.policy_id = p.id ORDER BY r.role) AS roles
                  FROM data_access_policies p
                 WHERE p.partner_id = ? AND (?::uuid IS NULL OR p.id = ?::uuid)
                 ORDER BY p.created_at, p.name""")) {
            s.setString(1, partner);
            s.setObject(2, only);
            s.setObject(3, only);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject("id", UUID.class);
                    policies.put(id, new AccessPolicy(id, rs.getString("name"), rs.getString("description"),
                            strings(rs.getArray("actions")), strings(rs.getArray("roles")),
                            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant()));
                }
            }
        }
        return List.copyOf(policies.values());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String partner, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT 1 FROM data_access_partners WHERE partner_id = ? FOR UPDATE")) {
                    s.setString(1, partner);
                    s.executeQuery().close();
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
