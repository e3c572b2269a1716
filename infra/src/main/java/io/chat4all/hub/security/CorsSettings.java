package io.chat4all.hub.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access from browsers: closed unless configured.
 *
 * @param allowedOrigins origins (scheme://host[:port]) whose pages may call the API ({@code CHAT4ALL_CORS_ALLOWED_ORIGINS},
 *                       comma-separated); empty (the default): every cross-origin request is 403 ACCESS_DENIED.
 *                       Same-origin pages (Swagger UI on the hub) need nothing here.
 */
@ConfigurationProperties("chat4all.cors")
public record CorsSettings(@DefaultValue List<String> allowedOrigins) {}
