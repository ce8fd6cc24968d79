package io.switchboard.events;

import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The version 1 directory update events, as they were written, are still read: typed by their one reader. */
class DirectoryEventsV1Test {
    private final EventCodec codec = EventCodec.standard();

    private DomainEvent decode(String type, String data) {
        return codec.decode("""
                {"eventId":"00000000-0000-0001-0000-000000000001","type":"%s","version":1,
                 "aggregateType":"x","aggregateId":"7","sequence":2,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z","data":%s}""".formatted(type, data)).data();
    }

    @Test
    void anAgentUpdatedV1GivesWhatItSetTyped() {
        DomainEvent event = decode("AgentUpdated", """
                {"agentId":7,"changes":[{"field":"email","former":"a@x.test","current":"b@x.test"},
                 {"field":"avatar_url","former":"https://x.test/a.png","current":null},
                 {"field":"roles","former":"[agent]","current":"[agent,supervisor]"},
                 {"field":"teams","former":"[1]","current":"[]"}],
                 "changedByUserId":42,"updatedAt":"2026-11-21T10:00:00.000Z"}""");

        Map<String, Object> after = ((AgentUpdatedV1) event).after();

        assertThat(after).containsOnlyKeys("email", "avatar_url", "roles", "teams");
        assertThat(after.get("email")).isEqualTo("b@x.test");
        assertThat(after.get("avatar_url")).isNull();
        assertThat(after.get("roles")).isEqualTo(List.of("agent", "supervisor"));
        assertThat(after.get("teams")).isEqualTo(List.of());
    }

    @Test
    void teamMenuAndVirtualAgentV1GiveWhatTheySetTyped() {
        TeamUpdatedV1 team = (TeamUpdatedV1) decode("TeamUpdated", """
                {"teamId":7,"changes":[{"field":"name","former":"East","current":"East Coast"},
                 {"field":"parent_id","former":"1","current":"5"}],"updatedAt":"2026-11-21T10:00:00.000Z"}""");
        assertThat(team.after()).isEqualTo(Map.of("name", "East Coast", "parent_id", 5L));

        TeamUpdatedV1 root = (TeamUpdatedV1) decode("TeamUpdated", """
                {"teamId":7,"changes":[{"field":"parent_id","former":"1","current":null}]}""");
        assertThat(root.after()).containsEntry("parent_id", null);

        MenuUpdatedV1 menu = (MenuUpdatedV1) decode("MenuUpdated", """
                {"menuId":7,"changes":[{"field":"menu_type","former":"ivr_menu","current":"web_menu"},
                 {"field":"parent_id","former":null,"current":"31"},{"field":"teams","former":"[1]","current":"[1,2]"}],
                 "name":"Help","channel":"chat","teamIds":[1,2]}""");
        assertThat(menu.after()).isEqualTo(Map.of("menu_type", "web_menu", "parent_id", 31L, "teams", List.of(1L, 2L)));
        assertThat(menu.name()).isEqualTo("Help");

        VirtualAgentUpdatedV1 bot = (VirtualAgentUpdatedV1) decode("VirtualAgentUpdated", """
                {"virtualAgentId":7,"changes":[{"field":"name","former":"Helper","current":"Helpbot"}]}""");
        assertThat(bot.after()).isEqualTo(Map.of("name", "Helpbot"));
    }

    @Test
    void virtualAgentEventsWrittenBeforeTheAvatarAreReadWithoutOne() {
        VirtualAgentCreated created = (VirtualAgentCreated) codec.decode("""
                {"eventId":"00000000-0000-0001-0000-000000000002","type":"VirtualAgentCreated","version":1,
                 "aggregateType":"virtual_agent","aggregateId":"7","sequence":1,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z",
                 "data":{"virtualAgentId":7,"name":"Helper","createdAt":"2026-11-21T10:00:00.000Z"}}""").data();
        assertThat(created.name()).isEqualTo("Helper");
        assertThat(created.avatarUrl()).isNull();

        VirtualAgentUpdated updated = (VirtualAgentUpdated) codec.decode("""
                {"eventId":"00000000-0000-0001-0000-000000000003","type":"VirtualAgentUpdated","version":2,
                 "aggregateType":"virtual_agent","aggregateId":"7","sequence":2,"partnerId":"acme",
                 "occurredAt":"2026-11-21T10:00:00.000Z",
                 "data":{"virtualAgentId":7,"changes":[{"field":"name","former":"Helper","current":"Helpbot"}],
                  "name":"Helpbot","changedByUserId":42,"updatedAt":"2026-11-21T10:00:00.000Z"}}""").data();
        assertThat(updated.name()).isEqualTo("Helpbot");
        assertThat(updated.avatarUrl()).isNull();
    }

    @Test
    void theCurrentVersionOfEachUpdateEventIsTwoAndItsV1IsStillRegistered() {
        EventRegistry registry = EventRegistry.standard();
        for (String type : Arrays.asList("AgentUpdated", "TeamUpdated", "MenuUpdated", "VirtualAgentUpdated")) {
            assertThat(registry.classOf(new EventTypeId(type, 1))).as(type + " v1").isPresent();
            assertThat(registry.classOf(new EventTypeId(type, 2))).as(type + " v2").isPresent();
        }
    }
}
