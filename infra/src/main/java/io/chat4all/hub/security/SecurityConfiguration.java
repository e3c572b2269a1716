package io.chat4all.hub.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import javax.crypto.SecretKey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.chat4all.hub.localstack.LocalStackProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Every {@code /v1/**} call carries a bearer JWT that the hub signed itself (HS256, checked in
 * memory: no lookup per request). Controllers learn who calls through
 * {@code @AuthenticationPrincipal Jwt caller}: {@code caller.getSubject()} is the user id and
 * the {@code username} claim the user name.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, CorsSettings cors) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        return http.csrf(csrf -> csrf.disable()) // no cookies or sessions: nothing for CSRF to ride on
                .cors(c -> c.disable()) // ours below: closed unless chat4all.cors.allowed-origins, refusals as problems
                .addFilterBefore(ProblemCors.filter(cors, json), BearerTokenAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.addHeaderWriter(WebClientPolicy.header()))
                .authorizeHttpRequests(requests -> requests
                        // The async dispatch that ends a live stream (GET /v1/events) belongs to a request
                        // authorized when it came in; checked again, an expired token would fail a closed stream.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/auth/token")
                        .permitAll()
                        .requestMatchers("/v1/**")
                        .authenticated()
                        // Operators only: a connection to the loopback address comes from this host (or container).
                        .requestMatchers("/actuator/replay")
                        .access((authentication, context) -> new AuthorizationDecision(
                                isLoopback(context.getRequest().getLocalAddr())))
                        // health, prometheus, API docs, Swagger UI, and unknown paths (404 from the advice)
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(server ->
                        server.jwt(jwt -> {}).authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    private static boolean isLoopback(String localAddress) {
        try {
            return localAddress != null && InetAddress.getByName(localAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Spring Security wraps every filter of the chain, and each authentication and authorization, in
     * a Micrometer observation when a registry is present; nothing here reads those, and the
     * wrapping cost about 2 % of the hub's CPU under the messaging benchmark. The HTTP server
     * metrics ({@code http.server.requests}) are Spring MVC's and stay.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** StrictHttpFirewall's refusals (encoded slashes and dots, {@code ;}, unknown methods) as problem documents. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return new RejectedRequests(json);
    }

    @Bean
    SecretKey tokenSigningKey(JwtKeySettings settings, LocalStackProperties local) {
        return JwtKeys.load(settings.jwtSecret(), local.dataDir());
    }

    /** Tokens kept decoded (CachedJwtDecoder): a few MB at most, more than the clients of one hub hold at once. */
    private static final int DECODED_TOKENS_KEPT = 4096;

    @Bean
    JwtDecoder jwtDecoder(SecretKey tokenSigningKey) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenSigningKey)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // No grace after exp (Spring's default is 60 s): the hub signs its own tokens, and a live stream
        // closed at its token's expiry must not be reopened with that token for another minute.
        decoder.setJwtValidator(new JwtTimestampValidator(Duration.ZERO));
        // The issuer stays the string it is ("chat4all"): Spring's default tries it as a URL first,
        // and the exception it throws and catches on every request was 0.5 % of the hub's CPU.
        decoder.setClaimSetConverter(
                MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, issuer -> issuer)));
        return new CachedJwtDecoder(decoder, DECODED_TOKENS_KEPT);
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey tokenSigningKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(tokenSigningKey));
    }
}
