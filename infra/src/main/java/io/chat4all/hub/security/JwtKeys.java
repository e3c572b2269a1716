package io.chat4all.hub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The HS256 key: configured, or generated once into the data directory and read back afterwards. */
final class JwtKeys {

    static final int MIN_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private JwtKeys() {}

    static SecretKey load(String configuredSecret, Path dataDir) {
        if (configuredSecret != null && !configuredSecret.isBlank()) {
            return key(Base64.getDecoder().decode(configuredSecret.trim()), "chat4all.auth.jwt-secret");
        }
        Path file = dataDir.resolve("secrets").resolve("jwt-hs256.key");
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return key(
                    Base64.getDecoder()
                            .decode(Files.readString(file, StandardCharsets.US_ASCII)
                                    .trim()),
                    file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing key " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[MIN_BYTES * 2];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another instance on this data directory made it first
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
    }

    private static SecretKey key(byte[] secret, String source) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException("The token signing secret from " + source + " has " + secret.length
                    + " bytes; HS256 needs at least " + MIN_BYTES);
        }
        return new SecretKeySpec(secret, ALGORITHM);
    }
}
