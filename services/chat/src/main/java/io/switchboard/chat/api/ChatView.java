package io.switchboard.chat.api;

import io.switchboard.chat.domain.Chat;

import java.time.Instant;
import java.util.List;

/**
 * The chat object of seed 004, field for field. Agents, virtual agents and menu names come from the
 * directory read model (not built yet): until then ids are shown without names.
 */
public record ChatView(long id, String status, String statusText, List<String> features, Instant createdAt,
                       Instant endsAt, Instant timeoutAt, AgentView agent, VirtualAgentView virtualAgent,
                       List<AgentView> allAgents, List<VirtualAgentView> allVirtualAgents, String lang,
                       List<MenuView> menus, EndUserView endUser) {

    public record AgentView(long id, String name, String firstName, String avatarUrl, String status) {
    }

    public record VirtualAgentView(long id, String name, String avatarUrl, String status) {
    }

    public record MenuView(long id, String name) {
    }

    public record EndUserView(Long id, String identifier) {
    }

    static ChatView of(Chat chat) {
        return new ChatView(chat.id(), chat.status().value(), chat.status().text(), chat.features(), chat.createdAt(),
                chat.endsAt(), chat.timeoutAt(), null, null, List.of(), List.of(), chat.lang(),
                chat.menuId() == null ? List.of() : List.of(new MenuView(chat.menuId(), null)),
                new EndUserView(chat.endUserId(), chat.endUserIdentifier()));
    }
}
