package io.chat4all.events.file;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The upload's time is up at {@code now}; an open upload past its expiry becomes EXPIRED, anything else stays. */
public record ExpireFileUploadCommand(
        @TargetAggregateIdentifier String fileId, Instant now) {}
