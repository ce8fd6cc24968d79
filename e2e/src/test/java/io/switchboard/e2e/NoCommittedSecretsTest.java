package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static: no committed file holds a usable password or key. Compose reads every secret as a required
 * variable, Kubernetes from Secrets that are not generated from literals, the realm file has
 * placeholders that every deployment fills (the launcher generates each one), the realm locks out
 * password guessers, and no service configuration defaults its database password.
 */
class NoCommittedSecretsTest {
    private static final Path ROOT = findRoot();
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|CREDENTIAL|IDENTITY|ACCESS_KEY).*");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]*}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    private static final String REALM = "deploy/keycloak/switchboard-realm.json";

    @Test
    void composeTakesEverySecretFromARequiredVariable() throws IOException {
        Map<String, Object> services = map(yaml(ROOT.resolve("docker-compose.yml")).get("services"));
        int checked = 0;
        for (var service : services.entrySet()) {
            for (var env : environment(map(service.getValue())).entrySet()) {
                if (SECRET_NAME.matcher(env.getKey()).matches()) {
                    assertThat(env.getValue()).as("compose %s %s", service.getKey(), env.getKey())
                            .matches(REQUIRED_VARIABLE);
                    checked++;
                }
            }
        }
        assertThat(checked).as("secret variables in docker-compose.yml").isGreaterThan(20);
    }

    @Test
    void theRealmHoldsPlaceholdersThatEveryDeploymentFills() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve(REALM).toFile());
        for (JsonNode user : realm.path("users")) {
            for (JsonNode credential : user.path("credentials")) {
                assertThat(credential.path("value").asText()).as("password of %s", user.path("username").asText())
                        .matches(PLACEHOLDER);
            }
        }
        for (JsonNode client : realm.path("clients")) {
            if (client.has("secret")) {
                assertThat(client.path("secret").asText()).as("secret of %s", client.path("clientId").asText())
                        .matches(PLACEHOLDER);
            }
        }
        Set<String> placeholders = placeholders(Files.readString(ROOT.resolve(REALM)));
        assertThat(placeholders).hasSizeGreaterThan(10);

        assertThat(launcherSecretNames()).as("the local launcher generates every placeholder").containsAll(placeholders);
        Map<String, Object> composeKeycloak = map(map(yaml(ROOT.resolve("docker-compose.yml")).get("services")).get("keycloak"));
        assertThat(environment(composeKeycloak).keySet()).as("compose keycloak environment").containsAll(placeholders);
        String keycloakManifest = Files.readString(ROOT.resolve("deploy/k8s/keycloak.yaml"));
        assertThat(keycloakManifest).contains("envFrom:", "name: switchboard-keycloak-realm");
        assertThat(Files.readString(ROOT.resolve("deploy/k8s/create-secrets.sh"))).contains("switchboard-keycloak-realm");
    }

    @Test
    void theRealmLocksOutPasswordGuessersAndRequiresLongPasswords() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(ROOT.resolve(REALM).toFile());
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean()).as("temporary lock-outs: no denial of service").isFalse();
        assertThat(realm.path("failureFactor").asInt()).isBetween(3, 10);
        assertThat(realm.path("waitIncrementSeconds").asInt()).isPositive();
        assertThat(realm.path("passwordPolicy").asText()).contains("length(12)", "notUsername");
    }

    @Test
    void kubernetesGeneratesNoSecretFromLiterals() throws IOException {
        Map<String, Object> kustomization = yaml(ROOT.resolve("deploy/k8s/kustomization.yaml"));
        assertThat(kustomization).doesNotContainKey("secretGenerator");
        try (Stream<Path> files = Files.walk(ROOT.resolve("deploy"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$")
                        .doesNotContainPattern("(?i)(password|secret)\\s*[:=]\\s*(chat|media|interaction|redaction|reporting|admin|switchboard-secret)\\b");
            }
        }
    }

    @Test
    void noDatabaseRoleOrServiceConfigurationHasADefaultPassword() throws IOException {
        assertThat(Files.readString(ROOT.resolve("deploy/postgres/init-databases.sql"))).doesNotContainIgnoringCase("password '");
        try (Stream<Path> files = Files.list(ROOT.resolve("services"))) {
            for (Path service : files.filter(Files::isDirectory).toList()) {
                Path properties = service.resolve("src/main/resources/application.properties");
                if (Files.exists(properties)) {
                    assertThat(Files.readString(properties)).as(properties.toString())
                            .doesNotContainPattern("(?m)^[^#]*datasource\\.password=\\$\\{[A-Z_]+:");
                }
            }
        }
    }

    /** The names the launcher's secrets.sh generates. */
    private static Set<String> launcherSecretNames() throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", "STATE=$(mktemp -d); source deploy/local/lib/secrets.sh; secret_names; rm -rf \"$STATE\"")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Set<String> names = new LinkedHashSet<>();
        new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .forEach(line -> names.add(line.split(" ")[0]));
        assertThat(bash.exitValue()).isZero();
        return names;
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        } else if (environment instanceof List<?> l) {
            for (Object item : l) {
                String[] kv = String.valueOf(item).split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    private static Path findRoot() {
        File dir = new File("").getAbsoluteFile();
        while (dir != null && !new File(dir, "deploy/local/switchboard").exists()) {
            dir = dir.getParentFile();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root");
        }
        return dir.toPath();
    }
}
