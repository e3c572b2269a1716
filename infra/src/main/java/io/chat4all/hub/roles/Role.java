package io.chat4all.hub.roles;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one hub process does (ARCHITECTURE.md, Run modes; {@code chat4all.roles}, default all).
 * Every role but {@code infra} handles commands: Axon's command and query buses are local (no
 * Axon Server), so the aggregates, the command-side lookups and the query handlers are in each
 * such process; a role decides which event processors, Kafka consumers, sweepers and endpoints run.
 */
public enum Role {
    /** The REST commands and queries, {@code /auth}, the live streams. */
    API(List.of()),
    /** The read model: the projections fed from the event store. */
    PROJECTIONS(List.of("read-model")),
    /**
     * Delivery: the outbox to Kafka (whatever is stored reaches {@code chat4all.events}), the message
     * router, the connectors, the receipts, the deadline and upload-expiry sweepers.
     */
    DELIVERY(List.of("kafka-outbox", "delivery-router")),
    /** Only the embedded PostgreSQL, Kafka and S3, for other processes to point at. */
    INFRA(List.of());

    static final String PROPERTY = "chat4all.roles";
    static final String DEFAULT = "api,projections,delivery,infra";

    private final List<String> processors;

    Role(List<String> processors) {
        this.processors = processors;
    }

    /** The Axon event processors that run only in a process with this role. */
    public List<String> processors() {
        return processors;
    }

    /** The name in {@code chat4all.roles} and in {@code chat4all.role.<name>}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a comma-separated list; blank means every role. Unknown names stop the start, naming them. */
    public static Set<Role> parse(String roles) {
        String list = roles == null || roles.isBlank() ? DEFAULT : roles;
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String name : list.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                parsed.add(Role.valueOf(trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("Unknown role '" + trimmed + "' in " + PROPERTY
                        + " (CHAT4ALL_ROLES): use any of api, projections, delivery, infra");
            }
        }
        return parsed.isEmpty() ? EnumSet.allOf(Role.class) : parsed;
    }

    /** Whether a process with these roles runs only the embedded stack. */
    public static boolean infraOnly(Set<Role> roles) {
        return roles.equals(EnumSet.of(INFRA));
    }
}
