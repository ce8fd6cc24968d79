package io.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes smoke that needs no cluster: {@code kubectl kustomize} renders {@code deploy/} (what
 * {@code kubectl apply -k deploy/} sends) and {@code deploy/k8s}, every ConfigMap a workload mounts is in the
 * rendering under its generated name, and every image of the rendering and of docker-compose.yml is either built
 * by the project or a published image pinned to a release tag, listed in deploy/k8s/README.md ("Images"). Whether
 * those tags still resolve in their registries cannot be checked from here (no registry is reachable); the README
 * says so. Needs a kubectl with kustomize v4 or newer: {@code SWITCHBOARD_KUBECTL}, else {@code kubectl} on the
 * PATH ({@code .ci/run} provides one).
 */
class DeploymentRenderTest {

    /** A release tag: at least major.minor (not {@code latest}, not a moving major such as {@code postgres:17}). */
    private static final Pattern RELEASE_TAG = Pattern.compile("\\d+\\.\\d+[0-9A-Za-z._-]*");
    private static final Pattern PROJECT_IMAGE = Pattern.compile("switchboard/([a-z0-9-]+):dev");

    private static Path root;
    private static List<Map<String, Object>> rendered;

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        root = repositoryRoot();
        rendered = documents(kustomize("deploy"));
    }

    @Test
    void kustomizeRendersTheDeploymentWithEveryWorkloadInTheNamespace() throws IOException, InterruptedException {
        Set<String> kinds = new TreeSet<>();
        Set<String> deployments = new TreeSet<>();
        for (Map<String, Object> document : rendered) {
            String kind = (String) document.get("kind");
            kinds.add(kind);
            Map<String, Object> metadata = map(document.get("metadata"));
            if (!kind.equals("Namespace")) {
                assertThat(metadata.get("namespace")).as("%s %s namespace", kind, metadata.get("name")).isEqualTo("switchboard");
            }
            if (kind.equals("Deployment")) {
                deployments.add((String) metadata.get("name"));
            }
        }
        assertThat(kinds).contains("Namespace", "Deployment", "Service", "ConfigMap", "Job", "Kafka", "KafkaTopic",
                "KafkaConnect", "Cluster", "Database", "Gateway", "HTTPRoute");
        try (Stream<Path> services = Files.list(root.resolve("services"))) {
            assertThat(deployments).containsAll(services.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString()).toList());
        }
        // deploy/k8s renders on its own too (without the generated connector and realm ConfigMaps).
        assertThat(documents(kustomize("deploy/k8s"))).hasSizeLessThan(rendered.size());
    }

    @Test
    void everyConfigMapAWorkloadReadsIsRenderedUnderItsGeneratedName() {
        Set<String> configMaps = new TreeSet<>();
        Set<String> referenced = new TreeSet<>();
        for (Map<String, Object> document : rendered) {
            if ("ConfigMap".equals(document.get("kind"))) {
                configMaps.add((String) map(document.get("metadata")).get("name"));
            }
            collectConfigMapReferences(document, referenced);
        }
        assertThat(referenced).as("ConfigMaps mounted or read by the manifests")
                .anyMatch(name -> name.startsWith("switchboard-connectors-"))
                .anyMatch(name -> name.startsWith("switchboard-realm-"));
        assertThat(configMaps).containsAll(referenced);
    }

    @Test
    void everyImageIsBuiltByTheProjectOrAPinnedReleaseListedInTheReadme() throws IOException {
        List<String> images = new ArrayList<>();
        for (Map<String, Object> document : rendered) {
            collectImages(document, "", images, (String) document.get("kind"));
        }
        Map<String, Object> compose = documents(Files.readString(root.resolve("docker-compose.yml"))).get(0);
        map(compose.get("services")).forEach((name, service) -> {
            Object image = map(service).get("image");
            if (image != null) {
                images.add((String) image);
            }
        });
        assertThat(images).isNotEmpty();

        String readme = Files.readString(root.resolve("deploy/k8s/README.md"));
        Set<String> published = new TreeSet<>();
        for (String image : new TreeSet<>(images)) {
            var project = PROJECT_IMAGE.matcher(image);
            if (project.matches()) {
                assertThat(root.resolve("services/" + project.group(1) + "/src/main/docker/Dockerfile.jvm"))
                        .as("%s is built from the service's Dockerfile", image).isRegularFile();
                continue;
            }
            if (image.startsWith("built-by-strimzi:")) {
                // Built from the manifest's own plugin list; ttl.sh's tag is the image's lifetime, not a version.
                assertThat(image).as("Strimzi's build output names the Debezium version it builds")
                        .contains("-" + launcherVersion("infra.sh", "DEBEZIUM_VERSION").replace(".Final", "") + ":");
                continue;
            }
            published.add(image);
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            assertThat(colon).as("%s names a tag", image).isGreaterThan(slash);
            assertThat(image.substring(colon + 1)).as("%s is pinned to a release tag", image).matches(RELEASE_TAG);
        }
        for (String image : published) {
            assertThat(readme).as("deploy/k8s/README.md lists %s under \"Images\"", image).contains("`" + image + "`");
        }
    }

    /** The images of components the local launcher also runs carry the launcher's versions (deploy/local/lib). */
    @Test
    void imagesRunTheVersionsOfTheLocalStack() throws IOException {
        List<String> images = new ArrayList<>();
        for (Map<String, Object> document : rendered) {
            collectImages(document, "", images, (String) document.get("kind"));
        }
        map(documents(Files.readString(root.resolve("docker-compose.yml"))).get(0).get("services"))
                .forEach((name, service) -> images.add(String.valueOf(map(service).get("image"))));

        String keycloak = launcherVersion("keycloak.sh", "KEYCLOAK_VERSION");
        String s3proxy = launcherVersion("infra.sh", "S3PROXY_VERSION");
        String debezium = launcherVersion("infra.sh", "DEBEZIUM_VERSION");
        String postgres = launcherVersion("infra.sh", "PG_VERSION").replaceAll("\\.0$", "");
        assertThat(tagsOf(images, "keycloak/keycloak")).isNotEmpty().containsOnly(keycloak);
        assertThat(tagsOf(images, "s3proxy")).isNotEmpty().containsOnly(s3proxy);
        assertThat(tagsOf(images, "debezium/connect")).isNotEmpty().containsOnly(debezium);
        assertThat(tagsOf(images, "postgres(ql)?")).as("Compose's and CloudNativePG's PostgreSQL")
                .hasSize(2).containsOnly(postgres);
    }

    /** Tags of the images whose repository's last part(s) match {@code repository}. */
    private static List<String> tagsOf(List<String> images, String repository) {
        Pattern name = Pattern.compile("(.*/)?" + repository);
        List<String> tags = new ArrayList<>();
        for (String image : images) {
            int colon = image.lastIndexOf(':');
            if (colon > 0 && name.matcher(image.substring(0, colon)).matches()) {
                tags.add(image.substring(colon + 1));
            }
        }
        return tags;
    }

    /** {@code NAME=version} or {@code NAME="${NAME:-version}"} in a script of deploy/local/lib. */
    private static String launcherVersion(String script, String name) {
        try {
            var matcher = Pattern.compile("(?m)^" + name + "=\"?(?:\\$\\{" + name + ":-)?([0-9][^}\"\\s]*)")
                    .matcher(Files.readString(root.resolve("deploy/local/lib/" + script)));
            assertThat(matcher.find()).as("%s sets %s", script, name).isTrue();
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keys {@code image} (containers, compose) and {@code imageName} (CloudNativePG). The KafkaConnect's
     * {@code spec.build.output.image} is where Strimzi pushes the image it builds from the manifest, marked so.
     */
    private static void collectImages(Object node, String path, List<String> images, String kind) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String at = path + "/" + key;
                if ((key.equals("image") || key.equals("imageName")) && value instanceof String image) {
                    images.add("KafkaConnect".equals(kind) && at.equals("/spec/build/output/image")
                            ? "built-by-strimzi:" + image : image);
                } else {
                    collectImages(value, at, images, kind);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collectImages(element, path + "/-", images, kind));
        }
    }

    private static void collectConfigMapReferences(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ((key.equals("configMap") || key.equals("configMapKeyRef") || key.equals("configMapRef"))
                        && value instanceof Map<?, ?> reference && reference.get("name") instanceof String name) {
                    names.add(name);
                }
                collectConfigMapReferences(value, names);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collectConfigMapReferences(element, names));
        }
    }

    private static String kustomize(String directory) throws IOException, InterruptedException {
        String kubectl = kubectl();
        Path output = Files.createTempFile("kustomize", ".yaml");
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder(kubectl, "kustomize", root.resolve(directory).toString())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("kubectl kustomize %s did not finish within 2 minutes", directory);
            }
            assertThat(process.exitValue())
                    .as("kubectl kustomize %s: %s", directory, Files.readString(errors, StandardCharsets.UTF_8))
                    .isZero();
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    private static String kubectl() {
        String configured = System.getenv("SWITCHBOARD_KUBECTL");
        if (configured != null && !configured.isBlank()) {
            assertThat(Path.of(configured)).as("SWITCHBOARD_KUBECTL").isExecutable();
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail("no kubectl: set SWITCHBOARD_KUBECTL or put kubectl (kustomize v4+) on the PATH; "
                + ".ci/run installs one (deploy/k8s/README.md, \"Checked here\")");
    }

    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("services")) && Files.isDirectory(dir.resolve("deploy"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.normalize();
            }
        }
        throw new IllegalStateException("repository root (with services/ and deploy/) not found");
    }
}
