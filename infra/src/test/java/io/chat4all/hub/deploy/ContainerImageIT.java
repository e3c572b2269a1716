package io.chat4all.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 13, the container image and compose files checked offline against what the build made:
 * the Dockerfile's layer stage runs Spring Boot's own extraction on the packaged jar, and every
 * layer the runtime stage copies, and its entry point, must be there (their size is printed: the
 * image's estimate is that plus the JRE base). Where Debian's {@code docker-compose} is installed,
 * {@code docker-compose config} must accept the demo and its three-broker variant (it needs no engine).
 */
class ContainerImageIT {

    private static final Pattern LAYER_COPY = Pattern.compile("^COPY --from=layers /layers/extracted/([a-z-]+)/ \\./$");

    @Test
    void theRuntimeStageCopiesLayersTheJarReallyHas() throws Exception {
        Path out = Files.createTempDirectory(Path.of("target"), "image-layers-");
        run(
                out.toFile(),
                List.of(
                        java(),
                        "-Djarmode=tools",
                        "-jar",
                        Path.of("target/chat4all-hub.jar").toAbsolutePath().toString(),
                        "extract",
                        "--layers",
                        "--launcher",
                        "--destination",
                        "extracted"));
        List<String> copied = Files.readAllLines(Path.of("Dockerfile")).stream()
                .map(LAYER_COPY::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
        assertThat(copied)
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        long total = 0;
        for (String layer : copied) {
            Path dir = out.resolve("extracted").resolve(layer);
            assertThat(dir).as("layer " + layer).isDirectory();
            long size = size(dir);
            total += size;
            System.out.printf("image layer %s: %.1f MB%n", layer, size / 1e6);
        }
        assertThat(out.resolve("extracted/spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
                .as("the ENTRYPOINT's main class")
                .exists();
        assertThat(Files.readString(Path.of("Dockerfile")))
                .contains("org.springframework.boot.loader.launch.JarLauncher");
        System.out.printf(
                "image: %.0f MB of application layers on top of the eclipse-temurin:17-jre base%n", total / 1e6);
    }

    /** The image runs the hub with the README's JVM options: the file is copied, named, and java accepts it. */
    @Test
    void theEntryPointsJvmOptionsAreCopiedAndAcceptedByJava() throws Exception {
        assertThat(Files.readString(Path.of("Dockerfile")))
                .contains("COPY infra/jvm.options ./")
                .contains("ENTRYPOINT [\"java\", \"@jvm.options\", ");
        String flags = run(new File("."), List.of(java(), "@jvm.options", "-XX:+PrintFlagsFinal", "-version"));
        assertThat(flags).containsPattern("MaxInlineLevel += 9 ");
    }

    @Test
    void dockerComposeAcceptsTheDemoAndTheThreeBrokerVariant() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt-get install docker-compose)");
        String demo = run(new File("."), List.of("docker-compose", "-f", "compose.yaml", "config"));
        assertThat(demo).contains("chat4all-hub").contains("apache/kafka");
        String three = run(
                new File("."), List.of("docker-compose", "-f", "compose.yaml", "-f", "compose.kafka-3.yaml", "config"));
        assertThat(three).contains("kafka-3").contains("kafka:9092,kafka-2:9092,kafka-3:9092");
    }

    private static String run(File dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(dir)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ":\n" + output)
                .isZero();
        return output;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }
}
