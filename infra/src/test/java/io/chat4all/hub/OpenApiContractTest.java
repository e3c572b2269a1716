package io.chat4all.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The OpenAPI document at /v3/api-docs, read over HTTP as a client generator would (SC-018,
 * SC-019): every operation described, with its request schema, a schema and an example of each
 * 2xx JSON answer, and a problem+json schema and example for each documented error; bearer
 * operations say 401, every operation says 503 with Retry-After; property names as the hub
 * sends them. Each failure names its operation, and all of them are reported at once.
 */
class OpenApiContractTest extends HubIntegrationTest {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final String PROBLEM_JSON = "application/problem+json";

    @Autowired
    ApiClient api;

    Map<String, Object> document;

    @BeforeEach
    void readTheDocument() {
        ApiClient.Response response = api.get("/v3/api-docs", null);
        assertThat(response.status()).as(response.rawBody()).isEqualTo(200);
        document = response.body();
    }

    @Test
    void everyOperationIsDescribedWithSchemasAndExamples() {
        List<String> failures = new ArrayList<>();
        Map<String, Object> paths = map(document.get("paths"));
        assertThat(paths).isNotEmpty();
        paths.forEach((path, item) -> map(item).forEach((method, value) -> {
            String name = method.toUpperCase() + " " + path;
            Map<String, Object> operation = map(value);
            checkOperation(name, operation, failures);
        }));
        assertThat(failures)
                .as("operations that lack parts of their description")
                .isEmpty();
    }

    @Test
    void theBearerSchemeIsDescribed() {
        Map<String, Object> bearer =
                map(map(map(document.get("components")).get("securitySchemes")).get("bearer"));
        assertThat(bearer)
                .containsEntry("type", "http")
                .containsEntry("scheme", "bearer")
                .containsEntry("bearerFormat", "JWT");
    }

    @Test
    void schemasNameTheirPropertiesAsTheHubSendsThem() {
        Map<String, Object> schemas = map(map(document.get("components")).get("schemas"));
        List<String> failures = new ArrayList<>();
        schemas.forEach((name, schema) -> map(map(schema).get("properties")).keySet().stream()
                .filter(property -> !SNAKE_CASE.matcher(property).matches())
                .forEach(property -> failures.add(name + "." + property)));
        assertThat(failures).as("properties not in snake_case").isEmpty();

        assertThat(properties(responseSchema("/v1/messages/{messageId}", "get", "200")))
                .contains(
                        "message_id", "conversation_id", "from_username", "created_at", "status_history", "deliveries");
        Map<String, Object> page = responseSchema("/v1/conversations/{conversationId}/messages", "get", "200");
        assertThat(properties(page)).containsExactlyInAnyOrder("conversation_id", "messages", "next_cursor");
        assertThat(map(map(map(page.get("properties")).get("messages")).get("items"))
                        .get("$ref"))
                .isEqualTo(map(map(map(map(map(paths("/v1/messages/{messageId}", "get")
                                                                .get("responses"))
                                                        .get("200"))
                                                .get("content"))
                                        .get("application/json"))
                                .get("schema"))
                        .get("$ref"));
        assertThat(properties(responseSchema("/v1/conversations/{conversationId}", "get", "200")))
                .contains("conversation_id", "created_by", "last_activity_at");
        assertThat(properties(responseSchema("/v1/users/me", "get", "200")))
                .containsExactly("user_id", "username", "created_at");
        assertThat(properties(responseSchema("/v1/files/{file_id}/download", "get", "200")))
                .containsExactlyInAnyOrder("download_url", "expires_at");
        assertThat(properties(resolve(map(
                        map(map(map(map(paths("/v1/messages", "post").get("responses"))
                                                        .get("404"))
                                                .get("content"))
                                        .get(PROBLEM_JSON))
                                .get("schema")))))
                .contains("type", "title", "status", "code", "detail", "errors");
    }

    @Test
    void theDownloadDescribesItsRedirectAndItsJsonForm() {
        Map<String, Object> responses =
                map(paths("/v1/files/{file_id}/download", "get").get("responses"));
        assertThat(map(map(responses.get("302")).get("headers"))).containsKey("Location");
        assertThat(map(map(responses.get("200")).get("content"))).containsOnlyKeys("application/json");
    }

    @Test
    void theMessageListingDescribesBackwardPaging() {
        Map<String, Object> listing = paths("/v1/conversations/{conversationId}/messages", "get");
        assertThat((String) listing.get("description")).contains("direction=backward");
        List<Map<String, Object>> parameters = list(listing.get("parameters"));
        Map<String, Object> direction = parameters.stream()
                .filter(p -> "direction".equals(p.get("name")))
                .findFirst()
                .orElseThrow();
        assertThat(map(direction.get("schema")))
                .containsEntry("enum", List.of("forward", "backward"))
                .containsEntry("default", "forward");
    }

    private void checkOperation(String name, Map<String, Object> operation, List<String> failures) {
        if (isBlank(operation.get("summary"))) {
            failures.add(name + ": no summary");
        }
        if (isBlank(operation.get("description"))) {
            failures.add(name + ": no description");
        }
        boolean takesBody = name.startsWith("POST ") || name.startsWith("PATCH ") || name.startsWith("PUT ");
        Map<String, Object> body = map(operation.get("requestBody"));
        if (takesBody && body.isEmpty()) {
            failures.add(name + ": no request body");
        }
        map(body.get("content")).forEach((type, media) -> {
            if (map(map(media).get("schema")).isEmpty()) {
                failures.add(name + ": no schema for the " + type + " request body");
            }
        });
        Map<String, Object> responses = map(operation.get("responses"));
        if (responses.keySet().stream().noneMatch(code -> code.startsWith("2") || code.startsWith("3"))) {
            failures.add(name + ": no success response");
        }
        responses.forEach((code, value) -> checkResponse(name + " " + code, code, map(value), failures));
        if (operation.get("security") != null && !responses.containsKey("401")) {
            failures.add(name + ": bearer operation without 401");
        }
        if (!responses.containsKey("503")) {
            failures.add(name + ": no 503");
        }
    }

    private void checkResponse(String name, String code, Map<String, Object> response, List<String> failures) {
        if (isBlank(response.get("description"))) {
            failures.add(name + ": no description");
        }
        Map<String, Object> content = map(response.get("content"));
        if (code.startsWith("2")) {
            content.forEach((type, media) -> {
                if (!type.equals("application/json") && !type.equals("text/event-stream")) {
                    failures.add(name + ": answers " + type + ", not application/json");
                }
                checkMedia(name + " " + type, map(media), failures);
            });
        } else if (code.startsWith("3")) {
            if (!map(response.get("headers")).containsKey("Location")) {
                failures.add(name + ": a redirect without its Location header");
            }
            if (!content.isEmpty()) {
                failures.add(name + ": a redirect with a body " + content.keySet());
            }
        } else {
            if (!content.keySet().equals(java.util.Set.of(PROBLEM_JSON))) {
                failures.add(name + ": an error answered as " + content.keySet() + ", not only " + PROBLEM_JSON);
            }
            Map<String, Object> problem = map(content.get(PROBLEM_JSON));
            checkMedia(name + " " + PROBLEM_JSON, problem, failures);
            if (!properties(resolve(map(problem.get("schema"))))
                    .containsAll(List.of("type", "title", "status", "code", "detail"))) {
                failures.add(name + ": the error schema is not a problem document");
            }
            if ((code.equals("429") || code.equals("503"))
                    && !map(response.get("headers")).containsKey("Retry-After")) {
                failures.add(name + ": no Retry-After header");
            }
        }
    }

    /** A schema, and an example whose fields are all properties of that schema. */
    private void checkMedia(String name, Map<String, Object> media, List<String> failures) {
        Map<String, Object> schema = resolve(map(media.get("schema")));
        if (schema.isEmpty()) {
            failures.add(name + ": no schema");
        }
        Object example = media.containsKey("example")
                ? media.get("example")
                : map(media.get("examples")).values().stream()
                        .map(e -> map(e).get("value"))
                        .findFirst()
                        .orElse(null);
        if (example == null) {
            failures.add(name + ": no example");
        } else if (example instanceof Map<?, ?> fields
                && "object".equals(schema.get("type"))
                && (schema.get("additionalProperties") == null
                        || Boolean.FALSE.equals(schema.get("additionalProperties")))) {
            List<String> unknown = fields.keySet().stream()
                    .map(String::valueOf)
                    .filter(f -> !properties(schema).contains(f))
                    .toList();
            if (!unknown.isEmpty()) {
                failures.add(name + ": the example has fields the schema does not: " + unknown);
            }
        }
    }

    private Map<String, Object> responseSchema(String path, String method, String code) {
        Map<String, Object> content =
                map(map(map(paths(path, method).get("responses")).get(code)).get("content"));
        return resolve(map(map(content.get("application/json")).get("schema")));
    }

    private Map<String, Object> paths(String path, String method) {
        Map<String, Object> operation =
                map(map(map(document.get("paths")).get(path)).get(method));
        assertThat(operation).as(method + " " + path).isNotEmpty();
        return operation;
    }

    /** The schema itself, following a $ref into the components. */
    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ((String) ref).substring("#/components/schemas/".length());
        return map(map(map(document.get("components")).get("schemas")).get(name));
    }

    private static List<String> properties(Map<String, Object> schema) {
        return List.copyOf(map(schema.get("properties")).keySet());
    }

    private static boolean isBlank(Object text) {
        return !(text instanceof String s) || s.isBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
