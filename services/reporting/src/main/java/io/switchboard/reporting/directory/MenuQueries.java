package io.switchboard.reporting.directory;

import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.ListQuery;
import io.switchboard.reporting.jdbc.Page;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Menus with the teams that serve them, and the menu tree. */
@ApplicationScoped
public class MenuQueries {
    public static final List<String> MENU_SORT = List.of("id", "name", "parent_id", "menu_type", "updated_at");

    private final DataSource dataSource;

    public MenuQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Menu> menus(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", MENU_SORT);
        ListQuery query = new ListQuery("menus", partner)
                .anyOfIds("id", params.ids("id"))
                .anyOfIds("parent_id", params.ids("parent_id"))
                .anyOf("menu_type", params.strings("menu_type"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"));
        try (Connection c = dataSource.getConnection()) {
            Page<Long> page = query.page(c, sort, params.sortDirection(), params.per, params.offset(),
                    rs -> rs.getLong("id"));
            return page.with(render(c, partner, page.rows()));
        }
    }

    public Optional<Menu> menu(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return render(c, partner, List.of(id)).stream().findFirst();
        }
    }

    private static List<Menu> render(Connection c, String partner, List<Long> ids) throws SQLException {
        Map<Long, DirectoryRefs.MenuRow> menus = DirectoryRefs.menus(c, partner);
        Map<Long, BasicTeam> teams = DirectoryRefs.teams(c, partner);
        List<Menu> result = new ArrayList<>();
        for (Long id : ids) {
            DirectoryRefs.MenuRow m = menus.get(id);
            if (m == null) {
                continue;
            }
            String channelType = "voice".equals(m.channel()) ? "voice_call" : m.channel();
            result.add(new Menu(m.id(), m.name(), m.parentId(), m.deleted(), false, m.menuType(), null, m.channel(),
                    m.virtualAgentId(), List.of(), m.teamIds().stream().map(teams::get).filter(Objects::nonNull)
                    .map(team -> new Menu.TeamAssignment(channelType, "primary", team)).toList()));
        }
        return result;
    }

    public List<MenuNode> tree(String partner) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return DirectoryRefs.tree(DirectoryRefs.menus(c, partner).values(), DirectoryRefs.MenuRow::id,
                    DirectoryRefs.MenuRow::parentId, (m, children) -> new MenuNode(m.id(), m.name(), m.parentId(),
                            m.deleted(), false, m.menuType(), null, children));
        }
    }
}
