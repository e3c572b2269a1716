package io.chat4all.hub.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible server (S3Proxy over a filesystem store in the data directory). The hub
 * reaches it only through the MinIO client, with signed requests, exactly as it reaches MinIO.
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
    /** Above the largest chunk (64 MiB) that a client may send in one unsigned-payload PUT. */
    private static final long MAX_NON_CHUNKED_REQUEST = 128L * 1024 * 1024;

    private final S3Proxy proxy;
    private final String endpoint;

    private EmbeddedS3Server(S3Proxy proxy, String endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static EmbeddedS3Server start(Path dataDir, int configuredPort, String accessKey, String secretKey)
            throws IOException {
        Path storeDir = dataDir.resolve("s3");
        Files.createDirectories(storeDir);
        int port = Ports.claim(configuredPort, "S3 server", "chat4all.local.s3-port");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(storeDir.toAbsolutePath().toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .v4MaxNonChunkedRequestSize(MAX_NON_CHUNKED_REQUEST)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IOException("The embedded S3 server did not start: " + e.getMessage(), e);
        }
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        log.info("Embedded S3 server (S3Proxy, filesystem store) on {}, data in {}", endpoint, storeDir);
        return new EmbeddedS3Server(proxy, endpoint);
    }

    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
