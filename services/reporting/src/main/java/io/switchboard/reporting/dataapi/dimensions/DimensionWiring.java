package io.switchboard.reporting.dataapi.dimensions;

import static io.switchboard.reporting.dataapi.fetch.Arguments.blocking;
import static io.switchboard.reporting.dataapi.fetch.Arguments.bounded;
import static io.switchboard.reporting.dataapi.fetch.Arguments.optionalId;
import static io.switchboard.reporting.dataapi.fetch.Arguments.requiredId;

import io.switchboard.reporting.dataapi.fetch.DataAccessFailure;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.switchboard.events.WireTime;
import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;
import io.switchboard.reporting.dataapi.fetch.DataCaller;

import java.sql.SQLException;
import java.time.Instant;

/**
 * The dimensiondata queries of the schema ({@code dataapi/schema.graphqls}, its DimensionData block) wired to
 * {@link DimensionQueries}, every argument bounded (a refused one is an {@link ArgumentProblem} naming it). The
 * tree fields of teams and menus read the partner's whole tree once per request ({@link Hierarchy}), however many
 * nodes ask.
 */
public final class DimensionWiring {
    static final int MAX_STATUS = 64;
    static final int MAX_CHANNEL = 32;

    private DimensionWiring() {
    }

    public static void wire(RuntimeWiring.Builder wiring, DimensionQueries queries) {
        wiring.type("Query", q -> q
                .dataFetcher("getAgents", blocking(env -> queries.agents(partner(env), new DimensionQueries.Filter()
                        .inTeam(optionalId(env, "teamId")).status(bounded(env, "status", MAX_STATUS))
                        .deactivated(env.getArgument("deactivated")).updatedSince(since(env)),
                        first(env), after(env, "agents"))))
                .dataFetcher("getAgentById", blocking(env -> queries.agents(partner(env),
                        new DimensionQueries.Filter().id(requiredId(env, "agentId")), 1, null)
                        .edges().stream().map(Dimensions.Edge::node).findFirst().orElse(null)))
                .dataFetcher("getTeams", blocking(env -> queries.teams(partner(env), new DimensionQueries.Filter()
                        .parent(optionalId(env, "parentId"), Boolean.TRUE.equals(env.getArgument("rootsOnly")))
                        .deactivated(env.getArgument("deactivated")).updatedSince(since(env)),
                        first(env), after(env, "teams"))))
                .dataFetcher("getMenus", blocking(env -> queries.menus(partner(env), new DimensionQueries.Filter()
                        .parent(optionalId(env, "parentId"), Boolean.TRUE.equals(env.getArgument("rootsOnly")))
                        .channel(bounded(env, "channel", MAX_CHANNEL))
                        .deactivated(env.getArgument("deactivated")).updatedSince(since(env)),
                        first(env), after(env, "menus"))))
                .dataFetcher("getVirtualAgents", blocking(env -> queries.virtualAgents(partner(env),
                        new DimensionQueries.Filter().deactivated(env.getArgument("deactivated")).updatedSince(since(env)),
                        first(env), after(env, "virtual_agents"))))
                .dataFetcher("getIntents", blocking(env -> queries.intents(partner(env), first(env), after(env, "intents")))));
        wiring.type("Team", t -> t
                .dataFetcher("parent", blocking(env -> teams(env, queries).parent(env.getSource())))
                .dataFetcher("children", blocking(env -> teams(env, queries).children(env.getSource())))
                .dataFetcher("path", blocking(env -> teams(env, queries).path(env.<Dimensions.Team>getSource()).stream()
                        .map(n -> new Dimensions.TeamRef(n.teamId(), n.name())).toList()))
                .dataFetcher("depth", blocking(env -> teams(env, queries).path(env.<Dimensions.Team>getSource()).size() - 1)));
        wiring.type("Menu", t -> t
                .dataFetcher("parent", blocking(env -> menus(env, queries).parent(env.getSource())))
                .dataFetcher("children", blocking(env -> menus(env, queries).children(env.getSource())))
                .dataFetcher("path", blocking(env -> menus(env, queries).path(env.<Dimensions.Menu>getSource()).stream()
                        .map(n -> new Dimensions.MenuRef(n.menuId(), n.name())).toList()))
                .dataFetcher("depth", blocking(env -> menus(env, queries).path(env.<Dimensions.Menu>getSource()).size() - 1)));
    }

    /** Which tree of which partner a request has read. */
    private record TreeKey(String kind, String partner) {
    }

    private static Hierarchy<Dimensions.Team> teams(DataFetchingEnvironment env, DimensionQueries queries) {
        String partner = env.<Dimensions.Team>getSource().partnerId();
        return env.getGraphQlContext().computeIfAbsent(new TreeKey("teams", partner),
                k -> new Hierarchy<>(read(() -> queries.allTeams(partner))));
    }

    private static Hierarchy<Dimensions.Menu> menus(DataFetchingEnvironment env, DimensionQueries queries) {
        String partner = env.<Dimensions.Menu>getSource().partnerId();
        return env.getGraphQlContext().computeIfAbsent(new TreeKey("menus", partner),
                k -> new Hierarchy<>(read(() -> queries.allMenus(partner))));
    }

    private interface Read<T> {
        T get() throws SQLException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (SQLException e) {
            throw new DataAccessFailure(e);
        }
    }

    private static String partner(DataFetchingEnvironment env) {
        return env.getGraphQlContext().<DataCaller>get(DataCaller.class).partnerId();
    }

    private static int first(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        if (first == null || first < 1 || first > DimensionQueries.MAX_FIRST) {
            throw new ArgumentProblem("first", "must be 1 to " + DimensionQueries.MAX_FIRST);
        }
        return first;
    }

    private static DimensionCursor after(DataFetchingEnvironment env, String list) {
        String text = env.getArgument("after");
        if (text == null) {
            return null;
        }
        DimensionCursor cursor = DimensionCursor.decode(text, list);
        if (cursor == null) {
            throw new ArgumentProblem("after", "must be an endCursor or cursor this list returned (at most "
                    + DimensionCursor.MAX_LENGTH + " characters)");
        }
        return cursor;
    }

    private static Instant since(DataFetchingEnvironment env) {
        String text = env.getArgument("updatedSince");
        if (text == null) {
            return null;
        }
        Instant since = WireTime.tryParse(text, null);
        if (since == null) {
            throw new ArgumentProblem("updatedSince", WireTime.EXPECTED);
        }
        return since;
    }
}
