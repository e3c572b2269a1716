package io.chat4all.hub.axon;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Hibernate logs every refused statement at WARN ("SQL Error: 0, SQLState: 23505") and ERROR
 * ("duplicate key value violates unique constraint ..."), before anyone could handle it. Here a
 * unique violation is how races are decided, and each is handled where it happens: the event
 * store's (aggregate, sequence) key by {@link ConcurrentAppendRetry}, the lookups' keys (a
 * private pair, a message id) by the command side's duplicate answers. Those two lines are
 * dropped; Hibernate's other SQL errors, and every failure that is not handled, still log.
 *
 * <p>A filter on the root logger's appenders, so it sees only the lines that are written. (A
 * logback turbo filter did the same, but logback asks a turbo filter on every level check of
 * every logger, also those that log nothing: 1.3 % of the hub's CPU under the messaging
 * benchmark.) Installed after each logging (re)initialisation, which replaces the appenders.
 */
public class QuietExpectedDuplicateKeys implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String HIBERNATE_SQL_ERRORS = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .iteratorForAppenders()
                    .forEachRemaining(appender -> {
                        if (appender.getCopyOfAttachedFiltersList().stream()
                                .noneMatch(DuplicateKeyLines.class::isInstance)) {
                            DuplicateKeyLines filter = new DuplicateKeyLines();
                            filter.start();
                            appender.addFilter(filter);
                        }
                    });
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    static final class DuplicateKeyLines extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            if (!HIBERNATE_SQL_ERRORS.equals(event.getLoggerName())) {
                return FilterReply.NEUTRAL;
            }
            String line = event.getFormattedMessage();
            boolean duplicateKey = line != null
                    && (line.contains("SQLState: 23505")
                            || line.contains("duplicate key value violates unique constraint"));
            return duplicateKey ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
