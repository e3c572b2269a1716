package io.chat4all.hub.auth;

import static io.chat4all.hub.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chat4all.hub.ApiClient;
import io.chat4all.hub.HubIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/** FR-001..FR-004, SC-012 and the invalid-credentials edge case, through HTTP. */
class AuthenticationTest extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ApiClient api;

    @Autowired
    JwtEncoder encoder;

    @Test
    void jsonLoginIssuesABearerTokenValidForAnHour() throws Exception {
        ApiClient.Response login = api.post("/auth/token", null, Map.of("username", "erin", "password", "chat4all"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body())
                .containsEntry("token_type", "bearer")
                .containsEntry("expires_in", 3600)
                .containsEntry("username", "erin")
                .containsKeys("access_token", "user_id");
        // SC-012: the token itself carries the full lifetime it was declared with.
        Map<String, Object> claims = claims((String) login.body().get("access_token"));
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .isEqualTo(3600);
        assertThat(claims).containsEntry("sub", login.body().get("user_id")).containsEntry("username", "erin");

        ApiClient.Response me = api.get("/v1/users/me", (String) login.body().get("access_token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body())
                .containsEntry("user_id", login.body().get("user_id"))
                .containsEntry("username", "erin")
                .containsKey("created_at");
    }

    @Test
    void formLoginWorksForSwaggerUisAuthorize() {
        ApiClient.Response login = api.postForm("/auth/token", "grant_type=password&username=frank&password=chat4all");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).containsEntry("username", "frank").containsKey("access_token");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        ApiClient.Response wrongPassword =
                api.post("/auth/token", null, Map.of("username", "alice", "password", "nope"));
        ApiClient.Response unknownUser =
                api.post("/auth/token", null, Map.of("username", "mallory", "password", "nope"));
        assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void missingCredentialsAreNamed() {
        ApiClient.Response response = api.post("/auth/token", null, Map.of());
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(Lists.fields(response)).containsExactlyInAnyOrder("username", "password");
    }

    @Test
    void everyV1CallNeedsAValidToken() {
        String valid = api.login("grace");
        String tampered = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        Instant past = Instant.now().minusSeconds(7200);
        String expired = signedFor("grace", past, past.plusSeconds(3600));

        for (String token : List.of("", "garbage", tampered, expired)) {
            ApiClient.Response response = api.exchange(
                    HttpMethod.GET, "/v1/users/me", token.isEmpty() ? null : token, null, MediaType.APPLICATION_JSON);
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(api.get("/v1/users/me", valid).status()).isEqualTo(200);
    }

    @Test
    void aTokenAcceptedBeforeItsExpiryIsRefusedFromItsExpiryOn() {
        // The hub keeps decoded tokens (CachedJwtDecoder): one it has already accepted must still end at exp.
        Instant now = Instant.now();
        String shortLived = signedFor("grace", now, now.plusSeconds(2));
        assertThat(api.get("/v1/users/me", shortLived).status()).isEqualTo(200);
        assertThat(api.get("/v1/users/me", shortLived).status()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertProblem(api.get("/v1/users/me", shortLived), 401, "UNAUTHENTICATED"));
        assertThat(Instant.now())
                .as("refused only from its expiry on")
                .isAfterOrEqualTo(now.plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void theDirectoryFindsUsersByNamePrefix() {
        ApiClient.Response response = api.get("/v1/users?username=user00&limit=5", api.login("heidi"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(Lists.values(response.body().get("users"), "username"))
                .containsExactly("user001", "user002", "user003", "user004", "user005");
        assertProblem(api.get("/v1/users?limit=0", api.login("heidi")), 400, "VALIDATION_FAILED");
    }

    /** A token as the hub signs them, for {@code username}, with the given lifetime. */
    private String signedFor(String username, Instant issuedAt, Instant expiresAt) {
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.builder()
                                .issuer("chat4all")
                                .subject(api.userId(username))
                                .claim("username", username)
                                .issuedAt(issuedAt)
                                .expiresAt(expiresAt)
                                .build()))
                .getTokenValue();
    }

    private static Map<String, Object> claims(String token) throws Exception {
        return JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), new TypeReference<>() {});
    }

    /** Small readers of list-shaped answers. */
    static final class Lists {

        static List<Object> fields(ApiClient.Response response) {
            return values(response.body().get("errors"), "field");
        }

        @SuppressWarnings("unchecked")
        static List<Object> values(Object list, String key) {
            return ((List<Map<String, Object>>) list)
                    .stream().map(m -> m.get(key)).toList();
        }
    }
}
