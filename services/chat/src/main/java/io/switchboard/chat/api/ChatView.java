package io.switchboard.chat.api;

import io.switchboard.chat.domain.Chat;
import io.switchboard.chat.store.DirectoryCopy;

import java.time.Instant;
import java.util.List;

/**
 * The Apps API chat object, field for field (docs/api/chat.md#the-chat-object). Agents, virtual agents and the menu path come
 * from the local directory read model: an id the directory has not told us about yet is shown without a name;
 * {@code features} are the chat's own, fixed at its creation.
 */
public record ChatView(long id, String status, String statusText, List<String> features, Instant createdAt,
                       Instant endsAt, Instant timeoutAt, AgentView agent, VirtualAgentView virtualAgent,
                       List<AgentView> allAgents, List<VirtualAgentView> allVirtualAgents, String lang,
                       List<MenuView> menus, EndUserView endUser) {

    public record AgentView(long id, String name, String firstName, String avatarUrl, String status) {
        static AgentView of(long id, DirectoryCopy.Names names) {
            DirectoryCopy.Agent known = names.agents().get(id);
            return known == null ? new AgentView(id, null, null, null, null)
                    : new AgentView(id, known.name(), known.firstName(), known.avatarUrl(), known.status());
        }
    }

    public record VirtualAgentView(long id, String name, String avatarUrl, String status) {
        static VirtualAgentView of(long id, DirectoryCopy.Names names) {
            DirectoryCopy.VirtualAgent known = names.virtualAgents().get(id);
            return known == null ? new VirtualAgentView(id, null, null, null)
                    : new VirtualAgentView(id, known.name(), known.avatarUrl(), known.status());
        }
    }

    public record MenuView(long id, String name) {
    }

    public record EndUserView(Long id, String identifier) {
    }

    static ChatView of(Chat chat, DirectoryCopy.Names names) {
        Chat.Hands hands = chat.hands();
        Chat.Setup setup = chat.setup();
        return new ChatView(chat.id(), chat.status().value(), chat.status().text(), setup.features(), setup.createdAt(),
                chat.endsAt(), setup.timeoutAt(),
                hands.agentId() == null ? null : AgentView.of(hands.agentId(), names),
                hands.virtualAgentId() == null ? null : VirtualAgentView.of(hands.virtualAgentId(), names),
                hands.allAgents().stream().map(id -> AgentView.of(id, names)).toList(),
                hands.allVirtualAgents().stream().map(id -> VirtualAgentView.of(id, names)).toList(),
                setup.lang(),
                names.menuPath().stream().map(menu -> new MenuView(menu.id(), menu.name())).toList(),
                new EndUserView(chat.customer().endUserId(), chat.customer().identifier()));
    }
}
