package io.chat4all.hub.faults;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3 server (S3Proxy over a filesystem store, as the embedded one) in its own process, so a
 * test can take object storage away from the hub and bring it back.
 */
final class ExternalS3 {

    static final String ACCESS_KEY = "fault-test";
    static final String SECRET_KEY = "fault-test-secret";

    private final int port = ChildJvm.freePort();
    private final ChildJvm server;

    ExternalS3(Path workDir) throws IOException {
        Path store = workDir.resolve("s3-store");
        Files.createDirectories(store);
        server = new ChildJvm(
                "s3",
                workDir,
                ExternalS3.class.getName(),
                Integer.toString(port),
                store.toAbsolutePath().toString());
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        server.start(port, Duration.ofSeconds(60));
    }

    void kill() throws InterruptedException {
        server.kill();
    }

    /** The child process: {@code ExternalS3 <port> <store directory>}. */
    public static void main(String[] args) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(args[1]))
                .endpoint(URI.create("http://127.0.0.1:" + args[0]))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .v4MaxNonChunkedRequestSize(128L * 1024 * 1024) // as the embedded server: chunks up to 64 MiB
                .build();
        proxy.start();
        Thread.currentThread().join();
    }
}
