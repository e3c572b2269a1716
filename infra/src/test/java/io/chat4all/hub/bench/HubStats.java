package io.chat4all.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the hub's processes spend, read from {@code /proc} without attaching anything: the CPU
 * time of the hub's JVM and of its PostgreSQL (the postmaster named in the data directory's
 * {@code postmaster.pid} and its backends), and the JVM's live heap after a full GC (jcmd).
 */
final class HubStats {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final long hubPid;
    private final Path postgresData;

    HubStats(long hubPid, Path postgresData) {
        this.hubPid = hubPid;
        this.postgresData = postgresData;
    }

    /** CPU seconds so far: the hub's JVM, and PostgreSQL's processes (0 when its data directory is unknown). */
    double[] cpuSeconds() throws IOException {
        double hub = ticks(hubPid) / TICKS_PER_SECOND;
        double postgres = 0;
        OptionalLong postmaster = postmaster();
        if (postmaster.isPresent()) {
            postgres = ticks(postmaster.getAsLong());
            for (long child : childrenOf(postmaster.getAsLong())) {
                postgres += ticks(child);
            }
            postgres /= TICKS_PER_SECOND;
        }
        return new double[] {hub, postgres};
    }

    /** The hub's heap in use after a full collection, in MiB (-1 if jcmd could not tell). */
    double liveHeapMiB() throws IOException, InterruptedException {
        run("GC.run");
        Matcher used = HEAP_USED.matcher(run("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : -1;
    }

    private String run(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(hubPid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    private OptionalLong postmaster() throws IOException {
        Path pidFile = postgresData == null ? null : postgresData.resolve("postmaster.pid");
        if (pidFile == null || !Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
    }

    /** utime + stime of one process (all its threads), in clock ticks; 0 if it is gone. */
    private static long ticks(long pid) {
        String[] fields = stat(pid);
        return fields == null ? 0 : Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static List<Long> childrenOf(long parent) throws IOException {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    String[] fields = stat(Long.parseLong(name));
                    if (fields != null && Long.parseLong(fields[1]) == parent) {
                        children.add(Long.parseLong(name));
                    }
                }
            }
        }
        return children;
    }

    /** The fields of /proc/PID/stat after the command name: [0] is the state, [1] the parent, [11] utime, [12] stime. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException e) {
            return null;
        }
    }
}
