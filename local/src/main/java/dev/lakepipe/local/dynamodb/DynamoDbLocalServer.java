package dev.lakepipe.local.dynamodb;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.lakepipe.LakepipeException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local running in this JVM on a free port: in memory, or persisted in a directory. The local
 * counterpart of the config table's DynamoDB. All clients share one database ({@code -sharedDb}).
 */
public final class DynamoDbLocalServer implements Closeable {

    /** Set to a directory holding libsqlite4java-*.so to override where the native library is looked for. */
    public static final String NATIVE_DIR_PROPERTY = "lakepipe.sqlite4java.dir";

    private static final String SQLITE_PROPERTY = "sqlite4java.library.path";

    private final DynamoDBProxyServer server;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** A fresh, empty database that vanishes on close. */
    public static DynamoDbLocalServer startInMemory() {
        return start(List.of("-inMemory"), "in memory");
    }

    /** A database kept in {@code directory} (created if absent), so state survives across commands. */
    public static DynamoDbLocalServer startPersistent(Path directory) {
        requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to create DynamoDB Local directory %s", directory);
        }
        return start(List.of("-dbPath", directory.toAbsolutePath().toString()), "in " + directory);
    }

    private static DynamoDbLocalServer start(List<String> storage, String where) {
        configureNativeLibrary();
        var port = freePort();
        var args = new ArrayList<>(storage);
        args.addAll(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)));
        // DynamoDB Local prints a configuration banner on System.out; keep it off the CLI's output
        // (`lakepipe configs export` writes JSON there).
        var console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            var server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new DynamoDbLocalServer(server, URI.create("http://localhost:" + port));
        } catch (Exception e) {
            throw new LakepipeException(e, "Failed to start DynamoDB Local %s on port %d", where, port);
        } finally {
            System.setOut(console);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client aimed at this server (dummy credentials, us-east-1); the caller closes it. */
    public DynamoDbClient newClient() {
        return client(endpoint);
    }

    /** A client aimed at any DynamoDB-compatible endpoint with dummy credentials (DynamoDB Local ignores them). */
    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lakepipe", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new LakepipeException(e, "Failed to stop DynamoDB Local at %s", endpoint);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to find a free port for DynamoDB Local");
        }
    }

    private static synchronized void configureNativeLibrary() {
        if (System.getProperty(SQLITE_PROPERTY) != null) {
            return;
        }
        var candidates = new ArrayList<Path>();
        Optional.ofNullable(System.getProperty(NATIVE_DIR_PROPERTY))
                .map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getProperty("lakepipe.repo")).map(Path::of).ifPresent(repo -> {
            candidates.add(repo.resolve("local/target/native"));
            candidates.add(repo.resolve("local/target/lib"));
        });
        candidates.add(Path.of("target/native"));
        candidates.add(Path.of("local/target/native"));
        var found = candidates.stream()
                .filter(DynamoDbLocalServer::holdsSqliteLibrary)
                .findFirst()
                .orElseThrow(() -> new LakepipeException(
                        "Cannot start DynamoDB Local: the sqlite4java native library is in none of %s;"
                                + " run `make build` (it copies it to local/target/native) or set -D%s=<dir>",
                        candidates, NATIVE_DIR_PROPERTY));
        System.setProperty(SQLITE_PROPERTY, found.toAbsolutePath().toString());
    }

    private static boolean holdsSqliteLibrary(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("libsqlite4java-"));
        } catch (IOException e) {
            throw new LakepipeException(e, "Failed to list %s while looking for sqlite4java", directory);
        }
    }
}
