package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo's configuration: a fixed partner, its options, its users' secrets and its remembered directory. */
class DemoConfigTest {

    @Test
    void aFixedPartnerReplacesTheGeneratedOnesAndTheBenchmarkDefaultsAreUnchanged() {
        LoadConfig load = LoadConfig.defaults().runId("abc");
        assertThat(load.fixedPartner()).isFalse();
        assertThat(load.partners()).isEqualTo(3);
        assertThat(load.partnerId(2)).isEqualTo("load-abc-p2");

        LoadConfig fixed = load.partner("demo");
        assertThat(fixed.fixedPartner()).isTrue();
        assertThat(fixed.partners()).isEqualTo(1);
        assertThat(fixed.partnerId(1)).isEqualTo("demo");
        // Every wither keeps the partner.
        assertThat(fixed.eventsPerSecond(3).voiceAgents(5).duration(Duration.ofSeconds(9)).seed(7).partner()).isEqualTo("demo");
        assertThat(fixed.partner(null).fixedPartner()).isFalse();
    }

    @Test
    void aFixedPartnerIdIsPlainAndAlone() {
        for (String bad : new String[]{"Demo", "demo-1", "demo_1", "", "a".repeat(33), "dé"}) {
            assertThatThrownBy(() -> LoadConfig.defaults().partner(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("partner");
        }
        assertThatThrownBy(() -> LoadConfig.defaults().partner("demo").partners(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void demoDefaultsAreGentle() {
        LoadConfig demo = Demo.defaults();
        assertThat(demo.partner()).isEqualTo(Demo.PARTNER);
        assertThat(demo.voiceAgents()).isEqualTo(4);
        assertThat(demo.chatAgents()).isEqualTo(3);
        assertThat(demo.eventsPerSecond()).isBetween(1.0, 10.0);
    }

    @Test
    void demoOptions() {
        DemoMain.Options none = DemoMain.parse();
        assertThat(none.config().partner()).isEqualTo("demo");
        assertThat(none.total()).isNull();
        assertThat(none.shift()).isEqualTo(Duration.ofMinutes(10));
        assertThat(none.passwords()).isTrue();

        DemoMain.Options all = DemoMain.parse("--partner", "show1", "--rate", "9.5", "--voice-agents", "6", "--chat-agents", "2",
                "--shift", "90s", "--duration", "1h", "--think", "500ms", "--every", "2s", "--seed", "3", "--no-passwords");
        assertThat(all.config().partner()).isEqualTo("show1");
        assertThat(all.config().eventsPerSecond()).isEqualTo(9.5);
        assertThat(all.config().voiceAgents()).isEqualTo(6);
        assertThat(all.config().chatAgents()).isEqualTo(2);
        assertThat(all.config().thinkTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(all.config().seed()).isEqualTo(3);
        assertThat(all.shift()).isEqualTo(Duration.ofSeconds(90));
        assertThat(all.total()).isEqualTo(Duration.ofHours(1));
        assertThat(all.every()).isEqualTo(Duration.ofSeconds(2));
        assertThat(all.passwords()).isFalse();
        assertThat(DemoMain.text(all.shift())).isEqualTo("1m30s");
    }

    @Test
    void badDemoOptionsAreRefused() {
        for (String[] args : List.of(new String[]{"--rate"}, new String[]{"--rate", "0"}, new String[]{"--rate", "max"},
                new String[]{"--duration", "0s"}, new String[]{"--shift", "-1s"}, new String[]{"--partners", "2"},
                new String[]{"--partner", "Not-Valid"}, new String[]{"--voice-agents", "1"}, new String[]{"--every", "5x"})) {
            assertThatThrownBy(() -> DemoMain.parse(args)).as(String.join(" ", args)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void usersAndTheirSecretNames() {
        assertThat(DemoAccounts.username("demo", "supervisor")).isEqualTo("demo-supervisor");
        assertThat(DemoAccounts.secretName("demo", "voice3")).isEqualTo("SWITCHBOARD_DEMO_CENTER_DEMO_VOICE3_PASSWORD");
        assertThatThrownBy(() -> DemoAccounts.secretName("demo", "a_b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordsAreGeneratedOnceIntoTheSecretsFileWhichKeepsItsMode(@TempDir Path state) throws Exception {
        Path file = state.resolve("secrets/secrets.env");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# generated\nKEYCLOAK_ADMIN_PASSWORD=x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        DemoAccounts accounts = new DemoAccounts(state, Map.of("SWITCHBOARD_DEMO_CENTER_DEMO_ADMIN_PASSWORD", "pinned-by-ci-0123"));

        assertThat(accounts.existing("demo", "supervisor")).isEmpty();
        String supervisor = accounts.password("demo", "supervisor");
        assertThat(supervisor).matches("[A-Za-z0-9_-]{32}");
        assertThat(accounts.password("demo", "supervisor")).isEqualTo(supervisor);
        assertThat(new DemoAccounts(state, Map.of()).password("demo", "supervisor")).as("another process reads the same").isEqualTo(supervisor);
        assertThat(accounts.password("demo", "voice1")).isNotEqualTo(supervisor);
        assertThat(accounts.password("demo", "admin")).isEqualTo("pinned-by-ci-0123");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).startsWith("# generated", "KEYCLOAK_ADMIN_PASSWORD=x")
                .contains("SWITCHBOARD_DEMO_CENTER_DEMO_SUPERVISOR_PASSWORD=" + supervisor);
        assertThat(lines.stream().filter(l -> l.startsWith("SWITCHBOARD_DEMO_CENTER_DEMO_SUPERVISOR_PASSWORD="))).hasSize(1);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Demo.login(state, "demo", "supervisor", "supervisor")).get()
                .isEqualTo(new Demo.Login("demo-supervisor", supervisor, "supervisor"));
    }

    @Test
    void noSecretsFileNoPassword(@TempDir Path state) {
        assertThatThrownBy(() -> new DemoAccounts(state, Map.of()).password("demo", "supervisor"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("start the stack");
        assertThat(Demo.login(state, "demo", "supervisor", "supervisor")).isEmpty();
    }

    @Test
    void theDirectoryIsRememberedForTheNextRun(@TempDir Path state) {
        Path file = DemoDirectory.file(state, "demo");
        assertThat(DemoDirectory.load(file)).isEmpty();
        DemoDirectory directory = new DemoDirectory("demo", 1, 2, 3, 4, 5, List.of(10L, 11L), List.of(12L));
        directory.save(file);
        assertThat(file).isEqualTo(state.resolve("demo/demo-directory.json"));
        assertThat(DemoDirectory.load(file)).contains(directory);
        DemoDirectory more = directory.withAgents(List.of(10L, 11L, 13L), List.of(12L));
        more.save(file);
        assertThat(DemoDirectory.load(file)).contains(more);
    }

    @Test
    void agentsAreCountedByTheirManagerApiStatusOnlyForTheDemosAgents() {
        JsonNode agents = Json.read("""
                [{"id":1,"status":{"name":"available"}},{"id":2,"status":{"name":"in_call"}},
                 {"id":3,"status":{"name":"available"}},{"id":4,"status":{"name":"offline"}},
                 {"id":99,"status":{"name":"available"}},{"id":5}]""");
        assertThat(DemoMain.agentStatuses(agents, Set.of(1L, 2L, 3L, 4L, 5L))).isEqualTo("2 available, 1 in_call, 1 offline, 1 unknown");
        assertThat(DemoMain.agentStatuses(agents, Set.of(7L))).isEqualTo("none shown yet");
    }
}
