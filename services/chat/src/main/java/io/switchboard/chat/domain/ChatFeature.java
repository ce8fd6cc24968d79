package io.switchboard.chat.domain;

import io.switchboard.events.WireEnum;

import java.util.ArrayList;
import java.util.List;

/**
 * What a chat can do for its menu (the chat object's {@code features}, docs/api/chat.md#chat-features),
 * decided once, at creation, from who serves the menu then, and kept in {@code ChatCreated.features}: a
 * chat keeps the features it was created with when its menu changes later. Only what Switchboard does
 * today is a feature.
 */
public enum ChatFeature implements WireEnum {
    /** The menu has a virtual agent: the router hands the new chat to it first. */
    VIRTUAL_AGENT("virtual_agent"),
    /** The menu has teams: the router hands the chat to one of their agents (at once, or after the bot). */
    HUMAN_AGENTS("human_agents"),
    /** Both: the virtual agent can escalate the chat to a person ({@code POST …/escalations}). */
    ESCALATION("escalation");

    private final String value;

    ChatFeature(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    /**
     * Who serves a menu, as far as the directory knows when a chat is created: a virtual agent (not known
     * as deactivated), and teams of which at least one is not known as deactivated.
     */
    public record MenuServing(boolean virtualAgent, boolean teams) {
        /** A menu nobody serves (yet). */
        public static final MenuServing NOBODY = new MenuServing(false, false);
    }

    /** The features of a chat of a menu served so, in this enum's order, as spelled on the wire. */
    public static List<String> of(MenuServing menu) {
        List<String> features = new ArrayList<>();
        if (menu.virtualAgent()) {
            features.add(VIRTUAL_AGENT.value());
        }
        if (menu.teams()) {
            features.add(HUMAN_AGENTS.value());
        }
        if (menu.virtualAgent() && menu.teams()) {
            features.add(ESCALATION.value());
        }
        return List.copyOf(features);
    }
}
