package io.chat4all.hub.scaleout;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Shares each streaming event processor's segments among the processes that run it. Axon without
 * Axon Server does not balance: a tracking processor claims every unclaimed segment it has a
 * thread for and keeps it, so a process that joins later finds none free. Each process records
 * itself as a member of each processor it runs ({@code processor_member}, V401), and holds at most
 * its share, ceil(segments / live members): beyond that it releases one segment per round
 * ({@link StreamingEventProcessor#releaseSegment(int, long, TimeUnit)}), which the newcomer claims
 * at its next claim attempt, and only while a member says it wants segments (it holds fewer than
 * its fair part). A killed member's segments come free when their claims time out (Axon's
 * token claim timeout, 10 s); its membership row stops being renewed and is removed, so the
 * survivors' share grows back. Releasing hands work over between batches: nothing is lost or done twice.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final ScaleOutSettings settings;
    private final String memberId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    SegmentBalancer(@Lazy EventProcessingConfiguration processing, JdbcTemplate jdbc, ScaleOutSettings settings) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Scheduled(
            initialDelayString = "${chat4all.scale-out.balance-every:5s}",
            fixedDelayString = "${chat4all.scale-out.balance-every:5s}")
    void balance() {
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp stale = Timestamp.from(Instant.now().minus(settings.memberTimeout()));
        jdbc.update("delete from processor_member where seen_at < ?", stale);
        new TreeMap<>(processing.eventProcessors()).forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                jdbc.update(
                        "insert into processor_member (processor_name, member_id, seen_at) values (?, ?, ?) "
                                + "on conflict (processor_name, member_id) do update set seen_at = excluded.seen_at",
                        name,
                        memberId,
                        now);
                rebalance(name, streaming);
            }
        });
    }

    /**
     * Says whether this process wants more of the processor's segments (it holds fewer than
     * floor(segments / members)), and releases one beyond its share only when another member wants
     * some. A dead member's row still counts until it times out, but its last word was that it had
     * its part: the survivor keeps what it took over at the claim timeout instead of handing it back.
     */
    private void rebalance(String name, StreamingEventProcessor processor) {
        Integer members = jdbc.queryForObject(
                "select count(*) from processor_member where processor_name = ?", Integer.class, name);
        Integer segments =
                jdbc.queryForObject("select count(*) from token_entry where processor_name = ?", Integer.class, name);
        if (members == null || segments == null) {
            return;
        }
        Map<Integer, EventTrackerStatus> mine = processor.processingStatus();
        boolean wanting = members > 1 && segments > 1 && mine.size() < segments / members;
        jdbc.update(
                "update processor_member set wanting = ? where processor_name = ? and member_id = ?",
                wanting,
                name,
                memberId);
        int share = (segments + members - 1) / members;
        if (members <= 1 || segments <= 1 || mine.size() <= share || !othersWant(name)) {
            return;
        }
        int segment = mine.keySet().stream().max(Integer::compare).orElseThrow();
        processor.releaseSegment(segment, settings.releaseFor().toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "Released segment {} of {} for another process: holding {} of {} segments, share {} among {} processes",
                segment,
                name,
                mine.size(),
                segments,
                share,
                members);
    }

    private boolean othersWant(String name) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select coalesce(bool_or(wanting), false) from processor_member"
                        + " where processor_name = ? and member_id <> ?",
                Boolean.class,
                name,
                memberId));
    }

    /** This process's name in {@code processor_member}. */
    String memberId() {
        return memberId;
    }
}
