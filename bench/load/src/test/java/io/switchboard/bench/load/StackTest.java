package io.switchboard.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackTest {
    @Test
    void onlyThisMachineIsATarget() {
        assertThat(Stack.requireLocal("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(Stack.requireLocal("LOCALHOST")).isEqualTo("LOCALHOST");
        for (String host : new String[]{"example.com", "10.0.0.1", "127.0.0.2", "0.0.0.0", "", null}) {
            assertThatThrownBy(() -> Stack.requireLocal(host)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("only the local stack");
        }
        assertThatThrownBy(() -> Stack.requireLocal(URI.create("http://api.example.com:8083/x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Stack("db.example.com", Map.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portsComeFromTheLaunchersVariablesAndSecretsFromItsStateFolder(@TempDir Path state) throws Exception {
        Files.createDirectories(state.resolve("secrets"));
        Files.writeString(state.resolve("secrets/secrets.env"), "# generated\nKEYCLOAK_ADMIN_PASSWORD=a=b\nSWITCHBOARD_CHAT_DB_PASSWORD=c\n");
        Stack stack = Stack.fromEnvironment(Map.of("SWITCHBOARD_STATE", state.toString(), "SWITCHBOARD_CHAT_PORT", "8381",
                "KEYCLOAK_PORT", "8480", "SWITCHBOARD_PG_PORT", "15732"));
        assertThat(stack.uri("chat")).isEqualTo(URI.create("http://127.0.0.1:8381"));
        assertThat(stack.uri("interaction")).isEqualTo(URI.create("http://127.0.0.1:8083"));
        assertThat(stack.uri("keycloak")).isEqualTo(URI.create("http://127.0.0.1:8480"));
        assertThat(stack.jdbcUrl("chat")).isEqualTo("jdbc:postgresql://127.0.0.1:15732/chat");
        assertThat(stack.secret("KEYCLOAK_ADMIN_PASSWORD")).isEqualTo("a=b");
        assertThat(stack.databasePassword("chat")).isEqualTo("c");
    }
}
