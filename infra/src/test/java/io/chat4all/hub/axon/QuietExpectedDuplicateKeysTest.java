package io.chat4all.hub.axon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuietExpectedDuplicateKeysTest {

    @Test
    void onlyHibernatesDuplicateKeyLinesAreDropped() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> written = new ListAppender<>();
        written.setContext(context);
        written.start();
        root.addAppender(written);
        try {
            QuietExpectedDuplicateKeys quiet = new QuietExpectedDuplicateKeys();
            quiet.onApplicationEvent(null);
            quiet.onApplicationEvent(null); // a second logging initialisation adds no second filter

            Logger hibernate = context.getLogger(QuietExpectedDuplicateKeys.HIBERNATE_SQL_ERRORS);
            hibernate.warn("SQL Error: 0, SQLState: 23505");
            hibernate.error("ERROR: duplicate key value violates unique constraint \"message_lookup_pkey\"");
            hibernate.error("ERROR: relation \"missing\" does not exist");
            context.getLogger("io.chat4all.elsewhere").error("duplicate key value violates unique constraint \"x\"");

            assertThat(written.getCopyOfAttachedFiltersList()).hasSize(1);
            assertThat(written.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly(
                            "ERROR: relation \"missing\" does not exist",
                            "duplicate key value violates unique constraint \"x\"");
        } finally {
            root.detachAppender(written);
        }
    }
}
