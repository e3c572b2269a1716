package io.chat4all.hub.axon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
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
 * Installed after each logging (re)initialisation, which resets logback's filters.
 */
public class QuietExpectedDuplicateKeys implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String HIBERNATE_SQL_ERRORS = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
                && logback.getTurboFilterList().stream().noneMatch(Filter.class::isInstance)) {
            logback.addTurboFilter(new Filter());
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    static final class Filter extends TurboFilter {
        @Override
        public FilterReply decide(
                Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            if (format == null || !HIBERNATE_SQL_ERRORS.equals(logger.getName())) {
                return FilterReply.NEUTRAL;
            }
            boolean duplicateKey = format.contains("SQLState: 23505")
                    || format.contains("duplicate key value violates unique constraint");
            return duplicateKey ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
