package io.switchboard.reporting.dataapi.dimensions;

import java.util.List;

/**
 * The dimensiondata views: the directory's agents, teams, menus (channel origins) and virtual agents, and the
 * intents found in conversations. Ids are the directory's own (positive integers, per partner, as text); times
 * are UTC ISO-8601 with milliseconds; what the events have not told (yet) is null. Tree fields of teams and
 * menus ({@code parent}, {@code children}, {@code path}, {@code depth}) are resolved by {@link DimensionWiring}.
 */
public final class Dimensions {
    private Dimensions() {
    }

    public record Agent(String agentId, String partnerId, String name, String firstName, String lastName, String email,
                        String avatarUrl, String agentNumber, List<String> roles, String status, String statusReason,
                        String statusUpdatedAt, List<TeamRef> teams, boolean deactivated, String createdAt,
                        String updatedAt) {
    }

    public record Team(String teamId, String partnerId, String name, String parentId, int agentCount,
                       boolean deactivated, String createdAt, String updatedAt) implements Node {
        @Override
        public String id() {
            return teamId;
        }
    }

    public record Menu(String menuId, String partnerId, String name, String channel, String menuType, String parentId,
                       List<TeamRef> teams, VirtualAgentRef virtualAgent, boolean deactivated, String createdAt,
                       String updatedAt) implements Node {
        @Override
        public String id() {
            return menuId;
        }
    }

    public record VirtualAgent(String virtualAgentId, String partnerId, String name, List<MenuRef> menus,
                               boolean deactivated, String createdAt, String updatedAt) {
    }

    public record Intent(String intent, String partnerId, int conversationCount, int messageCount, double bestScore,
                         double averageScore, String firstSeenAt, String lastSeenAt) {
    }

    public record TeamRef(String teamId, String name) {
    }

    public record MenuRef(String menuId, String name) {
    }

    public record VirtualAgentRef(String virtualAgentId, String name) {
    }

    /** A node of a partner's team or menu tree. */
    public interface Node {
        String id();

        String partnerId();

        String parentId();

        String name();
    }

    /** A page of one dimension with the opaque cursor of its last row. */
    public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {
    }

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, String endCursor) {
    }
}
