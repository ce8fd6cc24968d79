package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.interaction.directory.domain.MenuCommand.CreateMenu;
import io.switchboard.interaction.directory.domain.MenuCommand.DeactivateMenu;
import io.switchboard.interaction.directory.domain.MenuCommand.References;
import io.switchboard.interaction.directory.domain.MenuCommand.UpdateMenu;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.UnhandledCommandException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The menu aggregate: a node of the menu tree, the teams that serve it and its optional virtual agent. */
public final class MenuDecider implements Decider<MenuCommand, Menu, DomainEvent> {
    public static final Set<String> CHANNELS = Set.of("voice", "chat");
    public static final Set<String> MENU_TYPES = Set.of("ivr_menu", "mobile_menu", "web_menu", "email_menu");

    @Override
    public Menu initialState() {
        return Menu.NONE;
    }

    @Override
    public List<DomainEvent> decide(MenuCommand command, Menu menu) {
        if (command instanceof CreateMenu create) {
            if (menu.exists()) {
                throw new IllegalTransitionException(menu.status(), "menu " + create.menuId() + " already exists");
            }
            return List.of(create(create));
        }
        if (!menu.exists()) {
            throw new AggregateNotFoundException("menu");
        }
        if (!menu.active()) {
            throw new IllegalTransitionException(menu.status(), "menu " + menu.id() + " is deactivated");
        }
        if (command instanceof UpdateMenu update) {
            return update(update, menu);
        }
        if (command instanceof DeactivateMenu deactivate) {
            return List.of(new MenuDeactivated(menu.id(), deactivate.byUserId(), deactivate.now()));
        }
        throw new UnhandledCommandException(command);
    }

    private static MenuCreated create(CreateMenu create) {
        String name = Checks.requireText(create.name(), "name");
        String channel = Checks.requireOneOf(create.channel(), CHANNELS, "channel");
        String menuType = create.menuType() == null ? defaultType(channel)
                : Checks.requireOneOf(create.menuType(), MENU_TYPES, "menu_type");
        References refs = create.references();
        Long parent = Checks.optionalKnownId(create.parentId(), refs.parentKnown(), "parent_id", "menu");
        List<Long> teams = Checks.requireKnownIds(create.teamIds(), refs.knownTeams(), "team_assignments", ".team.id", "team");
        Long virtualAgent = Checks.optionalKnownId(create.virtualAgentId(), refs.virtualAgentKnown(), "virtual_agent_id", "virtual agent");
        return new MenuCreated(create.menuId(), name, channel, menuType, parent, teams, virtualAgent, create.now());
    }

    private static String defaultType(String channel) {
        return channel.equals("voice") ? "ivr_menu" : "web_menu";
    }

    private static List<DomainEvent> update(UpdateMenu update, Menu menu) {
        References refs = update.references();
        Checks.Changes changes = new Checks.Changes();
        String name = menu.name();
        String channel = menu.channel();
        String menuType = menu.menuType();
        Long parentId = menu.parentId();
        List<Long> teams = menu.teamIds();
        Long virtualAgent = menu.virtualAgentId();
        if (update.name() != null) {
            name = Checks.requireText(update.name().value(), "name");
            changes.add("name", menu.name(), name);
        }
        if (update.channel() != null) {
            channel = Checks.requireOneOf(update.channel().value(), CHANNELS, "channel");
            changes.add("channel", menu.channel(), channel);
        }
        if (update.menuType() != null) {
            menuType = Checks.requireOneOf(update.menuType().value(), MENU_TYPES, "menu_type");
            changes.add("menu_type", menu.menuType(), menuType);
        }
        if (update.parentId() != null) {
            Long parent = update.parentId().value();
            if (parent != null && !parent.equals(menu.parentId())) {
                if (parent == menu.id() || refs.parentAncestors().contains(menu.id())) {
                    throw new InvalidCommandException("parent_id", "menu " + parent + " is this menu or below it: the tree would have a cycle");
                }
                Checks.optionalKnownId(parent, refs.parentKnown(), "parent_id", "menu");
            }
            parentId = parent;
            changes.add("parent_id", menu.parentId(), parent);
        }
        if (update.teamIds() != null) {
            teams = Checks.requireKnownIds(update.teamIds().value(), refs.knownTeams(), "team_assignments", ".team.id", "team");
            if (!Set.copyOf(teams).equals(Set.copyOf(menu.teamIds()))) {
                changes.add("teams", menu.teamIds(), teams);
            } else {
                teams = menu.teamIds();
            }
        }
        if (update.virtualAgentId() != null) {
            Long requested = update.virtualAgentId().value();
            virtualAgent = requested == null || requested.equals(menu.virtualAgentId()) ? requested
                    : Checks.optionalKnownId(requested, refs.virtualAgentKnown(), "virtual_agent_id", "virtual agent");
            changes.add("virtual_agent_id", menu.virtualAgentId(), virtualAgent);
        }
        return changes.isEmpty() ? List.of() : List.of(new MenuUpdated(menu.id(), changes.list(), name, channel, menuType,
                parentId, teams, virtualAgent, update.byUserId(), update.now()));
    }

    @Override
    public Menu evolve(Menu menu, DomainEvent event) {
        if (event instanceof MenuCreated c) {
            return new Menu(c.menuId(), c.name(), c.channel(), c.menuType(), c.parentId(), c.teamIds(), c.virtualAgentId(),
                    true, c.createdAt(), c.createdAt());
        }
        if (event instanceof MenuUpdated u) {
            return new Menu(menu.id(), u.name(), u.channel(), u.menuType(), u.parentId(), u.teamIds(), u.virtualAgentId(),
                    menu.active(), menu.createdAt(), u.updatedAt());
        }
        if (event instanceof MenuUpdatedV1 v1) {
            Map<String, Object> set = v1.after();
            return new Menu(menu.id(), v1.name(), v1.channel(), (String) set.getOrDefault("menu_type", menu.menuType()),
                    (Long) set.getOrDefault("parent_id", menu.parentId()), v1.teamIds(), v1.virtualAgentId(),
                    menu.active(), menu.createdAt(), v1.updatedAt());
        }
        if (event instanceof MenuDeactivated d) {
            return new Menu(menu.id(), menu.name(), menu.channel(), menu.menuType(), menu.parentId(), menu.teamIds(),
                    menu.virtualAgentId(), false, menu.createdAt(), d.deactivatedAt());
        }
        return menu;
    }
}
