package io.chat4all.hub.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}.
 * Two ways to authorise in Swagger UI: paste a token ("bearer"), or log in with the OAuth2
 * password flow against {@code /auth/token} ("login").
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI chat4allOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Chat4All hub API").version("v1").description("""
                        Send messages and files to conversations; the hub delivers them asynchronously (in-app, \
                        WhatsApp, Instagram) and keeps each message's status. Every error is application/problem+json \
                        with a stable `code` (see the error table of API.md). Demo users: alice … judy and user001 … \
                        user100, password `chat4all`."""))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("The access_token of POST /auth/token"))
                        .addSecuritySchemes(
                                "login",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description("Log in with a username and password")
                                        .flows(new OAuthFlows().password(new OAuthFlow().tokenUrl("/auth/token")))));
    }
}
