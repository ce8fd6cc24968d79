package io.switchboard.reporting.dataapi.dimensions;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dimension lists' cursors and the team/menu trees, plain Java. */
class DimensionCursorAndHierarchyTest {

    @Test
    void cursorsRoundTripWithinTheirOwnListOnly() {
        DimensionCursor agents = new DimensionCursor("agents", "acme", "201");
        assertThat(DimensionCursor.decode(agents.encode(), "agents")).isEqualTo(agents);
        assertThat(DimensionCursor.decode(agents.encode(), "agents").id()).isEqualTo(201L);
        // An agents cursor is no teams cursor.
        assertThat(DimensionCursor.decode(agents.encode(), "teams")).isNull();
        DimensionCursor intent = new DimensionCursor("intents", "acme", "billing|refunds é");
        assertThat(DimensionCursor.decode(intent.encode(), "intents")).isEqualTo(intent);
        for (String bad : new String[] {"", "!!", "x".repeat(1001), b64("d1|agents|acme"), b64("d2|agents|acme|1"),
                b64("d1|agents|acme|0"), b64("d1|agents|acme|-1"), b64("d1|agents|acme|x"), b64("d1|agents||1"),
                b64("d1|agents|" + "p".repeat(65) + "|1"), b64("d1|agents|acme|1234567890123456789"),
                b64("d1|intents|acme|"), b64("d1|calls|acme|1")}) {
            assertThat(DimensionCursor.decode(bad, "agents")).as(bad).isNull();
        }
        assertThat(DimensionCursor.decode(b64("d1|intents|acme|"), "intents")).isNull();
        assertThat(DimensionCursor.decode(b64("d1|calls|acme|1"), "calls")).isNull();
    }

    @Test
    void aTreeHasParentsChildrenAndPathsFromItsRoots() {
        Dimensions.Team us = team("11", null, "US");
        Dimensions.Team east = team("12", "11", "East");
        Dimensions.Team west = team("13", "11", "West");
        Dimensions.Team boston = team("14", "12", "Boston");
        Dimensions.Team orphan = team("15", "99", "Orphan");
        Hierarchy<Dimensions.Team> tree = new Hierarchy<>(List.of(boston, west, us, east, orphan));
        assertThat(tree.children(us)).containsExactly(east, west);
        assertThat(tree.children(boston)).isEmpty();
        assertThat(tree.parent(boston)).isEqualTo(east);
        assertThat(tree.parent(us)).isNull();
        assertThat(tree.path(boston)).containsExactly(us, east, boston);
        // A parent the directory has not told of makes a root.
        assertThat(tree.parent(orphan)).isNull();
        assertThat(tree.path(orphan)).containsExactly(orphan);
    }

    @Test
    void aCycleInTheStoredParentsIsCutWhereItCloses() {
        Dimensions.Team a = team("1", "3", "a");
        Dimensions.Team b = team("2", "1", "b");
        Dimensions.Team c = team("3", "2", "c");
        Dimensions.Team self = team("4", "4", "self");
        Hierarchy<Dimensions.Team> tree = new Hierarchy<>(List.of(a, b, c, self));
        assertThat(tree.path(c)).containsExactly(a, b, c);
        assertThat(tree.path(a)).containsExactly(b, c, a);
        assertThat(tree.parent(self)).isNull();
        assertThat(tree.children(self)).isEmpty();
        assertThat(tree.path(self)).containsExactly(self);
    }

    private static Dimensions.Team team(String id, String parent, String name) {
        return new Dimensions.Team(id, "acme", name, parent, 0, false, null, "2026-11-21T09:00:00.000Z");
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
