package io.chat4all.hub.axon;

import java.util.stream.Stream;
import javax.sql.DataSource;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Axon's JDBC storage engine for the event store, on the tables Flyway made for the JPA one (same
 * columns, snake_case; {@code global_index} defaults to the same sequence, V403). An append is one
 * batched insert with no entity, no flush and no separate {@code nextval}, and the tracking
 * processors read rows, not entities. It joins the Spring transaction (which the JDBC token store
 * and the read model join too) through the DataSource, so a projection's rows, its token and a
 * command's events still commit together. {@code chat4all.event-store.engine=jpa} brings back the
 * starter's JPA engine (for the comparison the README reports).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chat4all.event-store.engine", havingValue = "jdbc", matchIfMissing = true)
class JdbcEventStoreConfiguration {

    static final EventSchema SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /**
     * With this engine nothing in the hub uses JPA (no entity: the read model, the lookups and the
     * token store are JDBC), yet Boot's JpaTransactionManager opened a Hibernate session for every
     * transaction, every command and every processor batch: 5-10 % of those threads' CPU on a
     * freshly started hub (infra/bench/profile.sh). A DataSource transaction is the same JDBC
     * transaction without it; Boot's JPA transaction manager backs off when this one exists.
     */
    @Bean
    DataSourceTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            DataSource dataSource,
            TransactionManager transactionManager) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .dataType(byte[].class)
                .schema(SCHEMA);
        return new WithoutSnapshots(builder);
    }

    /**
     * The hub takes no snapshots (no aggregate lives long enough to need one), yet Axon asks the
     * snapshot table before it reads an aggregate's events: for a new message, one query on the
     * request thread that can only come back empty. This engine does not ask. Should snapshots
     * ever be taken, this is the class to remove.
     */
    static final class WithoutSnapshots extends JdbcEventStorageEngine {
        WithoutSnapshots(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        @Override
        protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
            return Stream.empty();
        }
    }
}
