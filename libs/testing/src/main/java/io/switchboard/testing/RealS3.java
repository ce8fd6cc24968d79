package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real S3-compatible store for tests: the s3proxy jar the local launcher runs (filesystem backend,
 * SigV4 and browser POST policies), started once per test JVM as a child process with keys generated
 * for this run, and one bucket. The jar comes from system property {@code switchboard.test.s3proxy.jar}
 * (a module that uses this copies it there with maven-dependency-plugin), else from the local Maven
 * repository. Set {@code SWITCHBOARD_TEST_S3_URL=http://ACCESS:SECRET@host:port/bucket} to use an
 * existing store instead (the bucket must exist).
 */
public final class RealS3 {
    public static final String ADDRESS = "SWITCHBOARD_TEST_S3_URL";
    public static final String JAR_PROPERTY = "switchboard.test.s3proxy.jar";
    static final String VERSION = "4.1.0";
    private static final String BUCKET = "switchboard-media";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static RealS3 shared;

    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String bucket;

    private RealS3(URI address) {
        this.endpoint = address.getScheme() + "://" + address.getHost() + ":" + address.getPort();
        String[] keys = address.getUserInfo().split(":", 2);
        this.accessKey = keys[0];
        this.secretKey = keys[1];
        String path = address.getPath() == null ? "" : address.getPath().replace("/", "");
        this.bucket = path.isEmpty() ? BUCKET : path;
    }

    /** The store of this JVM, started on first use. */
    public static synchronized RealS3 shared() {
        if (shared == null) {
            String address = SharedServer.address(ADDRESS).orElseGet(RealS3::startS3Proxy);
            shared = new RealS3(URI.create(address));
        }
        return shared;
    }

    private static String startS3Proxy() {
        long start = System.nanoTime();
        try {
            Path jar = jar();
            Path dir = Files.createTempDirectory("switchboard-s3proxy");
            Files.createDirectories(dir.resolve("data").resolve(BUCKET)); // a bucket of the filesystem backend is a folder
            int port = freePort();
            // Keys of this run only: an S3 access key id is 20 upper-case letters and digits.
            String accessKey = random("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 20);
            String secretKey = random("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40);
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "s3proxy.cors-allow-origins=*",
                    "s3proxy.cors-allow-methods=GET HEAD POST",
                    "s3proxy.cors-allow-headers=*",
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + dir.resolve("data"), ""));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--properties", properties.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "s3proxy-stop"));
            awaitPort(process, port, dir.resolve("s3proxy.log"));
            String address = "http://" + accessKey + ":" + secretKey + "@127.0.0.1:" + port + "/" + BUCKET;
            SharedServer.publish(ADDRESS, address);
            System.out.printf("[switchboard-testing] s3proxy %s ready on port %d in %d ms (data in %s)%n",
                    VERSION, port, SharedServer.millisSince(start), dir);
            return address;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start s3proxy", e);
        }
    }

    private static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured);
        }
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        Path inRepository = Path.of(repository, "org", "gaul", "s3proxy", VERSION,
                "s3proxy-" + VERSION + "-jar-with-dependencies.jar");
        if (!Files.isRegularFile(inRepository)) {
            throw new IllegalStateException("no s3proxy jar: set " + JAR_PROPERTY + " or fetch org.gaul:s3proxy:"
                    + VERSION + ":jar:jar-with-dependencies (looked at " + inRepository + ")");
        }
        return inRepository;
    }

    private static void awaitPort(Process process, int port, Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting s3proxy", e);
                }
            }
        }
        process.destroy();
        throw new IllegalStateException("s3proxy not listening on " + port + " after " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String random(String alphabet, int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** {@code http://host:port}, without credentials. */
    public String endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public String toString() {
        return "s3 " + endpoint.toLowerCase(Locale.ROOT) + "/" + bucket;
    }
}
