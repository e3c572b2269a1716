package io.chat4all.hub.axon;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC token store, on the {@code token_entry} table Flyway made for the JPA one (same
 * columns, snake_case). Every batch of every tracking processor stores its token: through JPA
 * that was a JPQL update Hibernate translated each time, about a quarter of the processors' CPU
 * in a profile of the messaging benchmark; here it is one prepared {@code update}. It joins the
 * Spring transaction through the DataSource, so a projection's rows and its token still commit
 * together, and it keeps the starter's serializer and claim timeout
 * ({@code axon.eventhandling.tokenstore.claim-timeout}, 10 s).
 */
@Configuration(proxyBeanMethods = false)
class JdbcTokenStoreConfiguration {

    static final TokenSchema SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("timestamp")
            .setOwnerColumn("owner")
            .build();

    @Bean
    TokenStore tokenStore(
            DataSource dataSource, @Qualifier("serializer") Serializer serializer, TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .schema(SCHEMA)
                .serializer(serializer)
                .contentType(byte[].class)
                .claimTimeout(properties.getClaimTimeout())
                .build();
    }
}
