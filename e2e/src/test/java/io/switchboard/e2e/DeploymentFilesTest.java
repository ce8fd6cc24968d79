package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks that the deployment descriptions wire everything the repository contains: every service
 * module under {@code services/}, every Debezium connector file {@code deploy/debezium/*.json}, the
 * Keycloak realm and PostgreSQL with logical decoding, in {@code docker-compose.yml} and in the
 * Kubernetes manifests ({@code deploy/kustomization.yaml} + {@code deploy/k8s/}).
 *
 * <p>Services and connector files are discovered from the file system, so adding one without wiring
 * it fails here. Nothing is started: the files are parsed and compared with each other and with the
 * services' own configuration (the HTTP port comes from each service's application.properties).
 */
class DeploymentFilesTest {

    private static final Pattern PORT_PROPERTY =
            Pattern.compile("(?m)^\\s*quarkus\\.http\\.port\\s*=\\s*\\$\\{(SWITCHBOARD_[A-Z0-9_]+_PORT):(\\d+)}\\s*$");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z0-9_.]+)}");
    private static final String REALM_FILE = "deploy/keycloak/switchboard-realm.json";
    private static final String REALM_IMPORT_DIR = "/opt/keycloak/data/import";
    private static final String ENV_CONFIG_PROVIDER = "org.apache.kafka.common.config.provider.EnvVarConfigProvider";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root;
    /** Service module name -> HTTP port, in directory order. */
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
    private static final List<Path> CONNECTOR_FILES = new ArrayList<>();
    private static Map<String, Object> composeServices;
    /** Every document of every YAML file under deploy/k8s (kustomization files excluded). */
    private static final List<Map<String, Object>> K8S = new ArrayList<>();
    private static Map<String, Object> deployKustomization;
    private static Map<String, Object> k8sKustomization;

    @BeforeAll
    static void load() throws IOException {
        root = findRepositoryRoot();

        try (Stream<Path> dirs = Files.list(root.resolve("services"))) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList()) {
                String name = dir.getFileName().toString();
                Path properties = dir.resolve("src/main/resources/application.properties");
                assertThat(properties).as("service %s has application.properties", name).isRegularFile();
                Matcher port = PORT_PROPERTY.matcher(Files.readString(properties));
                assertThat(port.find())
                        .as("%s sets quarkus.http.port=${%s:<port>}", properties, envPrefix(name) + "_PORT")
                        .isTrue();
                assertThat(port.group(1)).isEqualTo(envPrefix(name) + "_PORT");
                SERVICES.put(name, Integer.parseInt(port.group(2)));
            }
        }

        try (Stream<Path> files = Files.list(root.resolve("deploy/debezium"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(CONNECTOR_FILES::add);
        }

        Path composeFile = root.resolve("docker-compose.yml");
        assertThat(composeFile).isRegularFile();
        composeServices = map(yaml(composeFile).get(0).get("services"), "docker-compose.yml services");

        Path k8sDir = root.resolve("deploy/k8s");
        try (Stream<Path> files = Files.walk(k8sDir)) {
            for (Path file : files.filter(DeploymentFilesTest::isYaml).sorted().toList()) {
                if (!file.getFileName().toString().startsWith("kustomization.")) {
                    K8S.addAll(yaml(file));
                }
            }
        }
        deployKustomization = yaml(root.resolve("deploy/kustomization.yaml")).get(0);
        k8sKustomization = yaml(k8sDir.resolve("kustomization.yaml")).get(0);
    }

    // ---------------------------------------------------------------------------------------------
    // What the repository contains
    // ---------------------------------------------------------------------------------------------

    @Test
    void theRepositoryHasServicesAndConnectorFiles() throws IOException {
        assertThat(SERVICES).as("service modules under services/").isNotEmpty();
        assertThat(SERVICES.values()).as("service ports are distinct").doesNotHaveDuplicates();
        assertThat(CONNECTOR_FILES).as("deploy/debezium/*.json").hasSizeGreaterThanOrEqualTo(1);
        for (Path file : CONNECTOR_FILES) {
            JsonNode connector = JSON.readTree(file.toFile());
            assertThat(connector.path("name").isTextual()).as("%s has a top-level \"name\"", file).isTrue();
            assertThat(connector.path("config").isObject()).as("%s has a top-level \"config\" object", file).isTrue();
            assertThat(connector.path("config").path("connector.class").asText()).as("%s connector.class", file).isNotBlank();
        }
    }

    /**
     * The connector files are one template's renderings (deploy/debezium/generate.sh): one per service
     * listed in template/services, each exactly what the script writes, so the five cannot drift apart.
     */
    @Test
    void theConnectorFilesAreTheTemplateRenderedForEachListedService() throws IOException {
        Path template = root.resolve("deploy/debezium/template");
        List<String> listed = Files.readAllLines(template.resolve("services")).stream()
                .filter(line -> !line.startsWith("#")).flatMap(line -> Stream.of(line.trim().split("\\s+")))
                .filter(name -> !name.isEmpty()).toList();
        assertThat(CONNECTOR_FILES.stream().map(f -> f.getFileName().toString().replace(".json", "")).toList())
                .as("deploy/debezium/*.json against template/services (run deploy/debezium/generate.sh)")
                .containsExactlyInAnyOrderElementsOf(listed);
        assertThat(listed).as("every listed connector reads a service's database").allSatisfy(name ->
                assertThat(SERVICES).containsKey(name));
        String outbox = Files.readString(template.resolve("outbox.json"));
        for (String service : listed) {
            String rendered = outbox.replace("@service@", service).replace("@SERVICE@", service.toUpperCase(Locale.ROOT));
            assertThat(Files.readString(root.resolve("deploy/debezium/" + service + ".json")))
                    .as("deploy/debezium/%s.json is the template's rendering (run deploy/debezium/generate.sh)", service)
                    .isEqualTo(rendered);
        }
    }

    @Test
    void everyServiceHasAJvmDockerfileWithTheFastJarLayout() throws IOException {
        for (var service : SERVICES.entrySet()) {
            Path dockerfile = root.resolve("services/" + service.getKey() + "/src/main/docker/Dockerfile.jvm");
            assertThat(dockerfile).isRegularFile();
            String text = Files.readString(dockerfile);
            assertThat(text)
                    .as(dockerfile.toString())
                    .containsPattern("(?m)^FROM \\S*(openjdk-17|temurin:17)\\S*")
                    .contains("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                            "target/quarkus-app/quarkus/", "quarkus-run.jar")
                    .containsPattern("(?m)^EXPOSE " + service.getValue() + "\\s*$");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // docker-compose.yml
    // ---------------------------------------------------------------------------------------------

    @Test
    void composeBuildsEveryServiceFromItsDockerfileWithItsPortHealthCheckAndConfiguration() {
        String postgres = composeServiceWithImage("postgres:");
        String kafka = composeServiceWithImage("apache/kafka:");
        String keycloak = composeServiceWithImage("keycloak/keycloak:");
        for (var entry : SERVICES.entrySet()) {
            String name = entry.getKey();
            int port = entry.getValue();
            String env = envPrefix(name);
            Map<String, Object> service = map(composeServices.get(name), "compose service " + name);

            Map<String, Object> build = map(service.get("build"), "compose " + name + ".build");
            Path context = root.resolve(str(build.get("context"))).normalize();
            assertThat(context).as("compose %s build context", name).isEqualTo(root.resolve("services/" + name));
            assertThat(context.resolve(str(build.get("dockerfile"))).normalize())
                    .as("compose %s dockerfile", name)
                    .isEqualTo(root.resolve("services/" + name + "/src/main/docker/Dockerfile.jvm"))
                    .isRegularFile();

            assertThat(composePorts(service)).as("compose %s publishes its port", name).contains(port + ":" + port);

            String healthCheck = commandText(map(service.get("healthcheck"), "compose " + name + ".healthcheck").get("test"));
            assertThat(healthCheck).as("compose %s health check", name).contains("/q/health/ready", String.valueOf(port));

            Map<String, String> environment = composeEnvironment(service);
            assertThat(environment)
                    .as("compose %s environment", name)
                    .containsEntry(env + "_PORT", String.valueOf(port))
                    .containsEntry(env + "_DB_URL", "postgresql://" + postgres + ":5432/" + name)
                    .containsKeys(env + "_DB_USER", env + "_DB_PASSWORD");
            assertThat(environment.get("SWITCHBOARD_OIDC_URL")).startsWith("http://" + keycloak + ":").endsWith("/realms/switchboard");
            assertThat(environment.get("KAFKA_BOOTSTRAP_SERVERS")).startsWith(kafka + ":");

            assertThat(dependsOn(service))
                    .as("compose %s depends_on", name)
                    .containsEntry(postgres, "service_healthy")
                    .containsEntry(keycloak, "service_healthy");
        }
    }

    @Test
    void composeMountsEveryConnectorFileAndRegistersItWithConnect() throws IOException {
        Path debeziumDir = root.resolve("deploy/debezium");
        Map.Entry<String, String> registrar = composeServices.keySet().stream()
                .flatMap(name -> composeVolumes(name).stream()
                        .filter(v -> v.source().equals(debeziumDir))
                        .map(v -> Map.entry(name, v.target())))
                .findFirst()
                .orElseGet(() -> fail("no compose service mounts the directory deploy/debezium"));
        String name = registrar.getKey();
        String connectorsDir = registrar.getValue();
        Map<String, Object> service = map(composeServices.get(name), name);
        Map<String, String> environment = composeEnvironment(service);
        String command = commandText(service.get("entrypoint")) + " " + commandText(service.get("command"));
        assertThat(environment.getOrDefault("CONNECTORS_DIR", command))
                .as("%s reads the mounted connector directory", name)
                .contains(connectorsDir);

        // The mounted script PUTs every *.json of that directory to Connect.
        Volume script = composeVolumes(name).stream()
                .filter(v -> Files.isRegularFile(v.source()) && command.contains(v.target()))
                .findFirst()
                .orElseGet(() -> fail("%s runs no mounted script", name));
        assertThat(Files.readString(script.source()))
                .contains("*.json", "-X PUT", "/connectors/$name/config");

        String connect = hostOf(environment.get("CONNECT_URL"));
        assertThat(composeServices).as("CONNECT_URL of %s names a compose service", name).containsKey(connect);
        Map<String, String> dependsOn = dependsOn(service);
        assertThat(dependsOn).containsEntry(connect, "service_healthy");
        for (String app : SERVICES.keySet()) {
            assertThat(dependsOn)
                    .as("%s waits for %s (its event_store table must exist before the connector starts)", name, app)
                    .containsEntry(app, "service_healthy");
        }

        Map<String, String> connectEnv = composeEnvironment(map(composeServices.get(connect), connect));
        assertThat(str(map(composeServices.get(connect), connect).get("image"))).contains("debezium/connect");
        assertThat(connectEnv.get("CONNECT_CONFIG_PROVIDERS")).as("Connect config providers").contains("env");
        assertThat(connectEnv).containsEntry("CONNECT_CONFIG_PROVIDERS_ENV_CLASS", ENV_CONFIG_PROVIDER);
        assertThat(connectEnv.keySet())
                .as("the Connect worker's environment has every ${env:...} the connector files use")
                .containsAll(connectorEnvVariables());
    }

    @Test
    void composeMountsTheRealmIntoKeycloak() throws IOException {
        String keycloak = composeServiceWithImage("keycloak/keycloak:");
        Map<String, Object> service = map(composeServices.get(keycloak), keycloak);
        assertThat(commandText(service.get("command"))).contains("start-dev", "--import-realm");
        Path realm = root.resolve(REALM_FILE);
        assertThat(composeVolumes(keycloak))
                .as("keycloak mounts %s into %s", REALM_FILE, REALM_IMPORT_DIR)
                .anySatisfy(v -> {
                    assertThat(v.source()).isIn(realm, realm.getParent());
                    assertThat(v.target()).startsWith(REALM_IMPORT_DIR);
                });
        assertRealmFileIfPresent(realm);
    }

    @Test
    void composeRunsPostgresWithLogicalDecodingAndTheInitScript() throws IOException {
        String postgres = composeServiceWithImage("postgres:");
        Map<String, Object> service = map(composeServices.get(postgres), postgres);
        assertThat(commandText(service.get("command"))).contains("wal_level=logical", "max_replication_slots=", "max_wal_senders=");
        Path initSql = root.resolve("deploy/postgres/init-databases.sql");
        assertThat(composeVolumes(postgres))
                .anySatisfy(v -> {
                    assertThat(v.source()).isEqualTo(initSql);
                    assertThat(v.target()).startsWith("/docker-entrypoint-initdb.d/");
                });
        assertThat(initSql).isRegularFile();
        String sql = Files.readString(initSql).toLowerCase(Locale.ROOT);
        for (String name : SERVICES.keySet()) {
            assertThat(sql)
                    .as("init-databases.sql creates the role and the database of %s", name)
                    .containsPattern("create\\s+role\\s+\"?" + name + "\"?\\s[^;]*\\blogin\\b[^;]*\\breplication\\b")
                    .containsPattern("create\\s+database\\s+\"?" + name + "\"?\\s+owner\\s+\"?" + name + "\\b");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Kubernetes (deploy/kustomization.yaml + deploy/k8s)
    // ---------------------------------------------------------------------------------------------

    @Test
    void kustomizationsIncludeEveryManifest() throws IOException {
        assertThat(list(deployKustomization.get("resources"), "deploy/kustomization.yaml resources")).contains("k8s");
        Set<String> listed = list(k8sKustomization.get("resources"), "deploy/k8s/kustomization.yaml resources").stream()
                .map(Object::toString)
                .collect(Collectors.toSet());
        Path k8sDir = root.resolve("deploy/k8s");
        try (Stream<Path> files = Files.walk(k8sDir)) {
            for (Path file : files.filter(DeploymentFilesTest::isYaml).toList()) {
                String relative = k8sDir.relativize(file).toString().replace('\\', '/');
                if (!relative.startsWith("kustomization.")) {
                    assertThat(listed).as("deploy/k8s/kustomization.yaml lists %s", relative).contains(relative);
                }
            }
        }
        for (String resource : listed) {
            assertThat(k8sDir.resolve(resource)).as("kustomization resource %s", resource).exists();
        }
    }

    @Test
    void k8sHasADeploymentAndAServiceForEveryService() {
        String postgresHost = str(k8s("Cluster", "switchboard-pg").get("metadata"), "name") + "-rw";
        for (var entry : SERVICES.entrySet()) {
            String name = entry.getKey();
            int port = entry.getValue();
            String env = envPrefix(name);

            Map<String, Object> deployment = k8s("Deployment", name);
            Map<String, Object> podSpec = map(path(deployment, "spec", "template", "spec"), name + " pod spec");
            Map<String, Object> container = map(list(podSpec.get("containers"), name + " containers").get(0), name + " container");
            assertThat(str(container.get("image"))).as("%s image", name).contains(name);
            assertThat(containerPorts(container)).as("%s containerPort", name).containsValue(port);

            Map<String, Object> readiness = map(path(container, "readinessProbe", "httpGet"), name + " readinessProbe");
            assertThat(readiness.get("path")).isEqualTo("/q/health/ready");
            assertThat(resolvePort(container, readiness.get("port"))).as("%s readiness port", name).isEqualTo(port);
            Map<String, Object> liveness = map(path(container, "livenessProbe", "httpGet"), name + " livenessProbe");
            assertThat(liveness.get("path")).isEqualTo("/q/health/live");
            assertThat(resolvePort(container, liveness.get("port"))).as("%s liveness port", name).isEqualTo(port);

            Map<String, Object> environment = containerEnv(container);
            assertThat(environment)
                    .as("%s Deployment env", name)
                    .containsKeys(env + "_DB_USER", env + "_DB_PASSWORD", "SWITCHBOARD_OIDC_URL", "KAFKA_BOOTSTRAP_SERVERS")
                    .containsEntry(env + "_PORT", String.valueOf(port))
                    .containsEntry(env + "_DB_URL", "postgresql://" + postgresHost + ":5432/" + name);
            assertThat(str(environment.get("SWITCHBOARD_OIDC_URL"))).endsWith("/realms/switchboard");

            Map<String, Object> service = k8s("Service", name);
            Map<String, Object> selector = map(path(service, "spec", "selector"), name + " Service selector");
            assertThat(map(path(deployment, "spec", "template", "metadata", "labels"), name + " pod labels"))
                    .as("the %s Service selects the %s pods", name, name)
                    .containsAllEntriesOf(selector);
            assertThat(list(path(service, "spec", "ports"), name + " Service ports"))
                    .as("the %s Service exposes port %d", name, port)
                    .anySatisfy(p -> {
                        assertThat(map(p, "port").get("port")).isEqualTo(port);
                        assertThat(resolvePort(container, map(p, "port").get("targetPort"))).isEqualTo(port);
                    });
        }
    }

    @Test
    void k8sPostgresHasLogicalDecodingAndARoleAndDatabasePerService() {
        Map<String, Object> cluster = k8s("Cluster", "switchboard-pg");
        assertThat(str(cluster.get("apiVersion"))).startsWith("postgresql.cnpg.io/");
        assertThat(map(path(cluster, "spec", "postgresql", "parameters"), "postgresql.parameters"))
                .containsEntry("wal_level", "logical")
                .containsKeys("max_replication_slots", "max_wal_senders");
        List<Object> roles = list(path(cluster, "spec", "managed", "roles"), "managed roles");
        for (String name : SERVICES.keySet()) {
            assertThat(roles)
                    .as("CloudNativePG role %s (LOGIN REPLICATION)", name)
                    .anySatisfy(r -> assertThat(map(r, "role"))
                            .containsEntry("name", name)
                            .containsEntry("login", true)
                            .containsEntry("replication", true));
            assertThat(kinds("Database"))
                    .as("CloudNativePG Database %s owned by %s", name, name)
                    .anySatisfy(d -> {
                        Map<String, Object> spec = map(d.get("spec"), "Database spec");
                        assertThat(spec).containsEntry("name", name).containsEntry("owner", name);
                        assertThat(map(spec.get("cluster"), "cluster")).containsEntry("name", "switchboard-pg");
                    });
        }
    }

    @Test
    void k8sConnectorConfigMapHasEveryConnectorFileAndAJobRegistersThem() {
        Map<String, Object> generator = generator(deployKustomization, "switchboard-connectors");
        Set<Path> files = list(generator.get("files"), "switchboard-connectors files").stream()
                .map(f -> root.resolve("deploy").resolve(fileOfGeneratorEntry(f)).normalize())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(files)
                .as("the ConfigMap switchboard-connectors holds exactly deploy/debezium/*.json")
                .containsExactlyInAnyOrderElementsOf(CONNECTOR_FILES);

        Map<String, Object> job = k8s("Job", "switchboard-connect-init");
        Map<String, Object> podSpec = map(path(job, "spec", "template", "spec"), "Job pod spec");
        String volume = list(podSpec.get("volumes"), "Job volumes").stream()
                .map(v -> map(v, "volume"))
                .filter(v -> v.get("configMap") != null && "switchboard-connectors".equals(map(v.get("configMap"), "configMap").get("name")))
                .map(v -> str(v.get("name")))
                .findFirst()
                .orElseGet(() -> fail("the Job mounts no ConfigMap switchboard-connectors"));
        Map<String, Object> container = map(list(podSpec.get("containers"), "Job containers").get(0), "Job container");
        String mountPath = list(container.get("volumeMounts"), "Job volumeMounts").stream()
                .map(m -> map(m, "volumeMount"))
                .filter(m -> volume.equals(m.get("name")))
                .map(m -> str(m.get("mountPath")))
                .findFirst()
                .orElseGet(() -> fail("the Job does not mount volume %s", volume));
        Map<String, Object> environment = containerEnv(container);
        assertThat(environment).containsEntry("CONNECTORS_DIR", mountPath);
        for (var service : SERVICES.entrySet()) {
            assertThat(str(environment.get("WAIT_FOR_URLS")))
                    .as("the Job waits for %s (its event_store table must exist first)", service.getKey())
                    .contains("http://" + service.getKey() + ":" + service.getValue() + "/q/health/ready");
        }
        String connectApi = str(k8s("KafkaConnect", "switchboard").get("metadata"), "name") + "-connect-api";
        assertThat(str(environment.get("CONNECT_URL"))).isEqualTo("http://" + connectApi + ":8083");

        Map<String, Object> script = generator(k8sKustomization, "switchboard-connect-init");
        assertThat(list(script.get("files"), "switchboard-connect-init files")).hasSize(1);
        assertThat(commandText(container.get("command")) + commandText(container.get("args")))
                .contains(Path.of(fileOfGeneratorEntry(list(script.get("files"), "files").get(0))).getFileName().toString());
    }

    @Test
    void k8sKafkaConnectHasTheDebeziumPluginAndEveryConnectorVariable() throws IOException {
        Map<String, Object> connect = k8s("KafkaConnect", "switchboard");
        Map<String, Object> config = map(path(connect, "spec", "config"), "KafkaConnect config");
        assertThat(str(config.get("config.providers"))).contains("env");
        assertThat(config).containsEntry("config.providers.env.class", ENV_CONFIG_PROVIDER);
        assertThat(list(path(connect, "spec", "build", "plugins"), "build plugins"))
                .anySatisfy(plugin -> assertThat(list(map(plugin, "plugin").get("artifacts"), "artifacts"))
                        .anySatisfy(a -> assertThat(str(map(a, "artifact").get("url"))).contains("debezium-connector-postgres")));
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object e : list(path(connect, "spec", "template", "connectContainer", "env"), "connectContainer env")) {
            env.put(str(map(e, "env").get("name")), map(e, "env").get("value"));
        }
        assertThat(env.keySet())
                .as("the KafkaConnect workers' environment has every ${env:...} the connector files use")
                .containsAll(connectorEnvVariables());

        Map<String, Object> kafka = k8s("Kafka", "switchboard");
        assertThat(kinds("KafkaNodePool"))
                .as("a KRaft node pool of the Kafka cluster")
                .anySatisfy(pool -> {
                    assertThat(map(path(pool, "metadata", "labels"), "labels"))
                            .containsEntry("strimzi.io/cluster", str(kafka.get("metadata"), "name"));
                    assertThat(list(path(pool, "spec", "roles"), "roles")).contains("controller", "broker");
                });
    }

    /**
     * One record limit everywhere (broker {@code message.max.bytes} = Connect producer
     * {@code max.request.size}, in the launcher, Compose and Kubernetes), the event store's limit at most
     * half of it (the envelope plus Debezium's record overhead must fit), and every connector tolerating
     * what it cannot deliver without logging payloads.
     */
    @Test
    void theRecordLimitIsOneNumberEverywhereAndEveryStoredEventFitsBelowIt() throws IOException {
        Matcher local = Pattern.compile("(?m)^RECORD_MAX_BYTES=(\\d+)$")
                .matcher(Files.readString(root.resolve("deploy/local/lib/infra.sh")));
        assertThat(local.find()).as("deploy/local/lib/infra.sh sets RECORD_MAX_BYTES").isTrue();
        String limit = local.group(1);
        assertThat(composeEnvironment(map(composeServices.get("kafka"), "kafka")))
                .containsEntry("KAFKA_MESSAGE_MAX_BYTES", limit);
        assertThat(composeEnvironment(map(composeServices.get("connect"), "connect")))
                .containsEntry("CONNECT_PRODUCER_MAX_REQUEST_SIZE", limit);
        assertThat(str(map(path(k8s("Kafka", "switchboard"), "spec", "kafka", "config"), "Kafka config")
                .get("message.max.bytes"))).isEqualTo(limit);
        assertThat(str(map(path(k8s("KafkaConnect", "switchboard"), "spec", "config"), "KafkaConnect config")
                .get("producer.max.request.size"))).isEqualTo(limit);

        Matcher store = Pattern.compile("(?m)^switchboard\\.eventstore\\.max-event-bytes=(\\d+)$").matcher(
                Files.readString(root.resolve("libs/eventstore/src/main/resources/META-INF/microprofile-config.properties")));
        assertThat(store.find()).isTrue();
        assertThat(Long.parseLong(store.group(1)) * 2).as("max-event-bytes leaves room for record overhead")
                .isLessThanOrEqualTo(Long.parseLong(limit));

        for (Path file : CONNECTOR_FILES) {
            JsonNode config = JSON.readTree(file.toFile()).path("config");
            assertThat(config.path("errors.tolerance").asText()).as(file + " errors.tolerance").isEqualTo("all");
            assertThat(config.path("errors.log.enable").asText()).as(file + " errors.log.enable").isEqualTo("true");
            assertThat(config.path("errors.log.include.messages").asText()).as(file + " logs no payload").isEqualTo("false");
        }
    }

    /**
     * Every deployment runs ONE Connect worker, and that worker takes its connectors back at once when it
     * rejoins its group after a broker outage ({@code scheduled.rebalance.max.delay.ms=0}): with the
     * default (5 min) the pipeline stood still for five minutes after a broker restart (seen in e2e
     * {@code FaultSuiteTest}, kill -9 of Kafka), waiting for the "departed" member, which was itself.
     */
    @Test
    void theSingleConnectWorkerTakesItsConnectorsBackAtOnceAfterABrokerOutage() throws IOException {
        assertThat(Files.readString(root.resolve("deploy/local/lib/infra.sh")))
                .as("the launcher's worker.properties").containsPattern("(?m)^scheduled\\.rebalance\\.max\\.delay\\.ms=0$");
        assertThat(composeEnvironment(map(composeServices.get("connect"), "connect")))
                .containsEntry("CONNECT_SCHEDULED_REBALANCE_MAX_DELAY_MS", "0");
        Map<String, Object> connect = k8s("KafkaConnect", "switchboard");
        assertThat(str(map(path(connect, "spec", "config"), "KafkaConnect config").get("scheduled.rebalance.max.delay.ms")))
                .isEqualTo("0");
        assertThat(str(map(connect.get("spec"), "KafkaConnect spec").get("replicas")))
                .as("one worker: with several, a delay lets a restarting worker get its own tasks back").isEqualTo("1");
    }

    @Test
    void k8sKeycloakImportsTheRealmFromAConfigMapOfTheRealmFile() throws IOException {
        Map<String, Object> generator = generator(deployKustomization, "switchboard-realm");
        assertThat(list(generator.get("files"), "switchboard-realm files").stream()
                        .map(f -> root.resolve("deploy").resolve(fileOfGeneratorEntry(f)).normalize()))
                .containsExactly(root.resolve(REALM_FILE));

        Map<String, Object> deployment = k8s("Deployment", "keycloak");
        Map<String, Object> podSpec = map(path(deployment, "spec", "template", "spec"), "keycloak pod spec");
        Map<String, Object> container = map(list(podSpec.get("containers"), "keycloak containers").get(0), "keycloak container");
        assertThat(str(container.get("image"))).contains("keycloak/keycloak:26");
        assertThat(commandText(container.get("args")) + commandText(container.get("command"))).contains("--import-realm");
        String volume = list(podSpec.get("volumes"), "keycloak volumes").stream()
                .map(v -> map(v, "volume"))
                .filter(v -> v.get("configMap") != null && "switchboard-realm".equals(map(v.get("configMap"), "configMap").get("name")))
                .map(v -> str(v.get("name")))
                .findFirst()
                .orElseGet(() -> fail("keycloak mounts no ConfigMap switchboard-realm"));
        assertThat(list(container.get("volumeMounts"), "keycloak volumeMounts"))
                .anySatisfy(m -> assertThat(map(m, "mount"))
                        .containsEntry("name", volume)
                        .containsEntry("mountPath", REALM_IMPORT_DIR));
        assertRealmFileIfPresent(root.resolve(REALM_FILE));
    }

    @Test
    void httpRoutesSendEveryRequestToTheServiceThatOwnsIt() {
        List<RouteMatch> matches = routeMatches();
        for (var service : SERVICES.entrySet()) {
            assertThat(matches).as("some HTTPRoute rule sends requests to %s", service.getKey())
                    .anyMatch(m -> m.backend().equals(service.getKey()));
        }
        for (RouteMatch match : matches) {
            assertThat(list(path(k8s("Service", match.backend()), "spec", "ports"), "ports"))
                    .as("HTTPRoute backend %s:%d is a port of that Service", match.backend(), match.port())
                    .anySatisfy(p -> assertThat(map(p, "port").get("port")).isEqualTo(match.port()));
        }

        // Writes go to the owner of the aggregate, Manager API reads to reporting
        // (docs/architecture.md#one-public-api-cqrs-at-the-edge, docs/README.md#request-map).
        String[][] expectations = {
            {"POST", "/apps/api/v1/chats", "chat"},
            {"GET", "/apps/api/v1/chats/42", "chat"},
            {"POST", "/apps/api/v1/chats/42/message", "chat"},
            {"PATCH", "/apps/api/v1/chats/42/customer_flag", "chat"},
            {"GET", "/apps/api/v1/chats/42/photos", "media"},
            {"POST", "/apps/api/v1/chats/42/photos/upload", "media"},
            {"POST", "/apps/api/v1/chats/42/videos/upload", "media"},
            {"POST", "/apps/api/v1/calls", "interaction"},
            {"GET", "/apps/api/v1/calls/7", "interaction"},
            {"POST", "/apps/api/v1/calls/7/photos/upload", "media"},
            {"GET", "/apps/api/v1/calls/7/videos", "media"},
            {"GET", "/apps/api/v1/media/photos/801", "media"},
            {"PUT", "/apps/api/v1/calls/add/7/dial", "interaction"},
            {"GET", "/manager/api/v1/agents", "reporting"},
            {"GET", "/manager/api/v1/teams/tree", "reporting"},
            {"GET", "/manager/api/v1/calls/7", "reporting"},
            {"POST", "/manager/api/v1/agents", "interaction"},
            {"PUT", "/manager/api/v1/teams/3", "interaction"},
            {"PATCH", "/manager/api/v1/agents/5", "interaction"},
            {"DELETE", "/manager/api/v1/menus/9", "interaction"},
            {"GET", "/interact/agent/version/2/account/12345678/interactiondata/040100709/fullFlow", "interaction"},
            {"GET", "/KoopidPartnerServer/api/APIEndpoint/Dashboard/p-1/RedactedMessages", "redaction"},
            {"POST", "/KoopidPartnerServer/api/APIEndpoint/Dashboard/Messages", "redaction"},
            {"POST", "/redaction/api/v1/analyze", "redaction"},
            {"PUT", "/redaction/api/v1/admin/policy", "redaction"},
            {"POST", "/api/partners/p-1/data/conversationdata/getConversationById", "reporting"},
            {"POST", "/api/system/data/conversationdata/getConversationById", "reporting"},
            {"POST", "/graphql", "reporting"},
            {"GET", "/graphql/ui", "reporting"},
            {"GET", "/_static/graphiql/3.2.0/graphiql.min.js", "reporting"},
            {"GET", "/dashboard/", "reporting"},
            {"GET", "/dashboard/config.json", "reporting"},
            {"GET", "/webjars/keycloak-js/25.0.4/dist/keycloak.min.js", "reporting"},
        };
        for (String[] request : expectations) {
            assertThat(route(matches, request[0], request[1]))
                    .as("%s %s", request[0], request[1])
                    .contains(request[2]);
        }
        assertThat(route(matches, "GET", "/q/metrics")).as("service internals are not public").isEmpty();
        assertThat(route(matches, "GET", "/apps/api/v1/chatsX")).as("a prefix matches whole path segments").isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // HTTPRoute matching (Gateway API semantics; RegularExpression ranked between Exact and
    // PathPrefix, as Envoy Gateway, Contour, NGINX Gateway Fabric and kgateway do)
    // ---------------------------------------------------------------------------------------------

    record RouteMatch(String type, String value, String method, String backend, int port) {
        boolean matches(String requestMethod, String path) {
            if (method != null && !method.equalsIgnoreCase(requestMethod)) {
                return false;
            }
            return switch (type) {
                case "Exact" -> path.equals(value);
                case "PathPrefix" -> {
                    String prefix = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                    yield prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
                }
                case "RegularExpression" -> Pattern.compile(value).matcher(path).matches();
                default -> throw new AssertionError("unknown path match type " + type);
            };
        }

        int typeRank() {
            return switch (type) {
                case "Exact" -> 0;
                case "RegularExpression" -> 1;
                default -> 2;
            };
        }
    }

    private static List<RouteMatch> routeMatches() {
        List<RouteMatch> result = new ArrayList<>();
        List<Map<String, Object>> routes = kinds("HTTPRoute");
        assertThat(routes).as("HTTPRoutes").isNotEmpty();
        for (Map<String, Object> route : routes) {
            for (Object rule : list(path(route, "spec", "rules"), "rules")) {
                List<Object> backends = list(map(rule, "rule").get("backendRefs"), "backendRefs");
                assertThat(backends).as("a rule has exactly one backend").hasSize(1);
                Map<String, Object> backend = map(backends.get(0), "backendRef");
                for (Object m : list(map(rule, "rule").get("matches"), "matches")) {
                    Map<String, Object> match = map(m, "match");
                    Map<String, Object> p = map(match.get("path"), "path match");
                    result.add(new RouteMatch(
                            str(p.getOrDefault("type", "PathPrefix")),
                            str(p.get("value")),
                            (String) match.get("method"),
                            str(backend.get("name")),
                            ((Number) backend.get("port")).intValue()));
                }
            }
        }
        return result;
    }

    private static Optional<String> route(List<RouteMatch> matches, String method, String path) {
        return matches.stream()
                .filter(m -> m.matches(method, path))
                .min(Comparator.comparingInt(RouteMatch::typeRank)
                        .thenComparingInt(m -> m.type().equals("PathPrefix") ? -m.value().length() : 0)
                        .thenComparingInt(m -> m.method() == null ? 1 : 0))
                .map(RouteMatch::backend);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static Path findRepositoryRoot() {
        String configured = System.getProperty("switchboard.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("services")) && Files.isDirectory(dir.resolve("deploy"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.normalize();
            }
        }
        throw new IllegalStateException("repository root (with services/ and deploy/) not found above " + Path.of("").toAbsolutePath());
    }

    private static String envPrefix(String service) {
        return "SWITCHBOARD_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        assertThat(file).isRegularFile();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
            if (document != null) {
                documents.add(map(document, file.toString()));
            }
        }
        return documents;
    }

    private static Set<String> connectorEnvVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path file : CONNECTOR_FILES) {
            Matcher m = ENV_REFERENCE.matcher(Files.readString(file));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static void assertRealmFileIfPresent(Path realm) throws IOException {
        // The realm is written separately; when it is there it must be the switchboard realm.
        if (Files.exists(realm)) {
            assertThat(JSON.readTree(realm.toFile()).path("realm").asText()).isEqualTo("switchboard");
        }
    }

    private static String composeServiceWithImage(String imagePrefix) {
        List<String> names = composeServices.entrySet().stream()
                .filter(e -> str(map(e.getValue(), e.getKey()).getOrDefault("image", "")).contains(imagePrefix))
                .filter(e -> map(e.getValue(), e.getKey()).get("healthcheck") != null)
                .map(Map.Entry::getKey)
                .toList();
        assertThat(names).as("one compose service with a health check runs image %s*", imagePrefix).hasSize(1);
        return names.get(0);
    }

    private static Map<String, String> composeEnvironment(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> l) {
            for (Object item : l) {
                String[] kv = String.valueOf(item).split("=", 2);
                result.put(kv[0], kv.length > 1 ? kv[1] : null);
            }
        }
        return result;
    }

    private static Set<String> composePorts(Map<String, Object> service) {
        Set<String> result = new LinkedHashSet<>();
        for (Object port : list(service.getOrDefault("ports", List.of()), "ports")) {
            if (port instanceof Map<?, ?> p) {
                result.add(p.get("published") + ":" + p.get("target"));
            } else {
                String[] parts = String.valueOf(port).replaceAll("/(tcp|udp)$", "").split(":");
                // [host_ip:]published:target
                result.add(parts[parts.length - 2] + ":" + parts[parts.length - 1]);
            }
        }
        return result;
    }

    record Volume(Path source, String target) {}

    private static List<Volume> composeVolumes(String serviceName) {
        Map<String, Object> service = map(composeServices.get(serviceName), serviceName);
        List<Volume> result = new ArrayList<>();
        for (Object volume : list(service.getOrDefault("volumes", List.of()), serviceName + " volumes")) {
            String source;
            String target;
            if (volume instanceof Map<?, ?> v) {
                source = String.valueOf(v.get("source"));
                target = String.valueOf(v.get("target"));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : parts[0];
            }
            if (source.startsWith(".") || source.startsWith("/")) {
                result.add(new Volume(root.resolve(source).normalize(), target));
            }
        }
        return result;
    }

    private static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> result = new LinkedHashMap<>();
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v instanceof Map<?, ?> c
                    ? String.valueOf(c.get("condition")) : "service_started"));
        } else if (dependsOn instanceof List<?> l) {
            l.forEach(k -> result.put(String.valueOf(k), "service_started"));
        }
        return result;
    }

    private static String commandText(Object command) {
        if (command == null) {
            return "";
        }
        if (command instanceof List<?> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return String.valueOf(command);
    }

    private static String hostOf(String url) {
        assertThat(url).as("URL").isNotBlank();
        return url.replaceFirst("^[a-z]+://", "").replaceFirst("[:/].*$", "");
    }

    private static List<Map<String, Object>> kinds(String kind) {
        return K8S.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Object> k8s(String kind, String name) {
        List<Map<String, Object>> found = kinds(kind).stream()
                .filter(d -> name.equals(map(d.get("metadata"), kind + " metadata").get("name")))
                .toList();
        assertThat(found).as("deploy/k8s has one %s named %s", kind, name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> generator(Map<String, Object> kustomization, String name) {
        return list(kustomization.get("configMapGenerator"), "configMapGenerator").stream()
                .map(g -> map(g, "configMapGenerator entry"))
                .filter(g -> name.equals(g.get("name")))
                .findFirst()
                .orElseGet(() -> fail("no configMapGenerator named %s", name));
    }

    /** A generator's files entry is "path" or "key=path". */
    private static String fileOfGeneratorEntry(Object entry) {
        String text = String.valueOf(entry);
        return text.contains("=") ? text.substring(text.indexOf('=') + 1) : text;
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        Map<String, Integer> result = new LinkedHashMap<>();
        for (Object p : list(container.getOrDefault("ports", List.of()), "container ports")) {
            Map<String, Object> port = map(p, "container port");
            result.put(String.valueOf(port.get("name")), ((Number) port.get("containerPort")).intValue());
        }
        return result;
    }

    private static int resolvePort(Map<String, Object> container, Object port) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        Integer resolved = containerPorts(container).get(String.valueOf(port));
        assertThat(resolved).as("named port %s exists", port).isNotNull();
        return resolved;
    }

    /** Container env: name -> value, or the valueFrom map for values from Secrets/ConfigMaps. */
    private static Map<String, Object> containerEnv(Map<String, Object> container) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Object e : list(container.getOrDefault("env", List.of()), "env")) {
            Map<String, Object> env = map(e, "env entry");
            result.put(str(env.get("name")), env.containsKey("value") ? str(env.get("value")) : env.get("valueFrom"));
        }
        return result;
    }

    private static Object path(Map<String, Object> start, String... keys) {
        Object current = start;
        for (String key : keys) {
            current = map(current, key).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static String str(Object value) {
        return Objects.toString(value, null);
    }

    private static String str(Object map, String key) {
        return str(map(map, key).get(key));
    }
}
