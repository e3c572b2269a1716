package io.chat4all.hub.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chat4all.events.HubError;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The error side of every operation in the OpenAPI document, in one place as in the hub
 * (ApiProblems): each 4xx/5xx answer is {@code application/problem+json} with the Problem schema
 * and an example; where a controller only names the code in the response's description, the
 * example is that code's default document. Adds what applies everywhere: 401 UNAUTHENTICATED to
 * bearer operations, 503 SERVICE_UNAVAILABLE to all (each needs PostgreSQL), and Retry-After to
 * every 429 and 503. A redirect has no body (springdoc would give it the handler's return type).
 */
@Component
class ResponseConventions implements OpenApiCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "ProblemFieldError";
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]+(?:_[A-Z]+)+\\b");

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(FIELD_ERROR, fieldErrorSchema());
        if (openApi.getPaths() != null) {
            openApi.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(ResponseConventions::describeErrors));
        }
    }

    private static void describeErrors(Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            responses.putIfAbsent(
                    "401",
                    new ApiResponse()
                            .description(
                                    "UNAUTHENTICATED: the bearer token is missing, malformed, tampered with or expired"));
        }
        responses.putIfAbsent(
                "503",
                new ApiResponse()
                        .description(
                                "SERVICE_UNAVAILABLE: PostgreSQL, Kafka or object storage unreachable; retry after Retry-After seconds"));
        responses.forEach((code, response) -> {
            int status = Integer.parseInt(code);
            if (status >= 400) {
                asProblem(status, response);
            } else if (status >= 300) {
                response.setContent(null);
            }
        });
    }

    /** Only problem+json (whatever the handler returns otherwise), with the schema and an example. */
    private static void asProblem(int status, ApiResponse response) {
        MediaType given =
                response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
        MediaType media = given != null ? given : new MediaType();
        media.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        if (media.getExample() == null
                && (media.getExamples() == null || media.getExamples().isEmpty())) {
            media.setExample(example(codeIn(response.getDescription(), status)));
        }
        response.setContent(new Content().addMediaType(PROBLEM_JSON, media));
        if (status == 429 || status == 503) {
            response.addHeaderObject(
                    HttpHeaders.RETRY_AFTER,
                    new Header()
                            .description("Seconds to wait before trying again")
                            .schema(new IntegerSchema().example(5)));
        }
    }

    /** The first code of the description that answers with this status, else the status's own code. */
    private static HubError codeIn(String description, int status) {
        if (description != null) {
            Matcher codes = CODE.matcher(description);
            while (codes.find()) {
                String name = codes.group();
                HubError error = Arrays.stream(HubError.values())
                        .filter(e -> e.name().equals(name))
                        .findFirst()
                        .orElse(null);
                if (error != null && error.status() == status) {
                    return error;
                }
            }
        }
        return ApiProblems.forStatus(status);
    }

    private static Map<String, Object> example(HubError error) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", HttpStatus.valueOf(error.status()).getReasonPhrase());
        example.put("status", error.status());
        example.put("code", error.name());
        example.put("detail", error.detail());
        return example;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Schema schema = new ObjectSchema()
                .description(
                        "Every non-2xx answer (RFC 9457). Some codes add fields: unknown_members (UNKNOWN_MEMBERS), "
                                + "missing_chunks (UPLOAD_INCOMPLETE), retry_after_seconds (TOO_MANY_REQUESTS).")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty(
                        "title",
                        new StringSchema()
                                .description("The HTTP status's phrase")
                                .example("Not Found"))
                .addProperty("status", new IntegerSchema().example(404))
                .addProperty(
                        "code",
                        new StringSchema()
                                .description("Stable machine code")
                                ._enum(Arrays.stream(HubError.values())
                                        .map(Enum::name)
                                        .toList())
                                .example("CONVERSATION_NOT_FOUND"))
                .addProperty(
                        "detail",
                        new StringSchema().description("Human message").example("Conversation not found"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                                .description("400 VALIDATION_FAILED only: every offending field"));
        schema.setRequired(List.of("type", "title", "status", "code", "detail"));
        schema.setAdditionalProperties(Boolean.TRUE);
        return schema;
    }

    private static Schema<?> fieldErrorSchema() {
        Schema<?> schema = new ObjectSchema()
                .addProperty(
                        "field",
                        new StringSchema()
                                .description("The field as the request named it")
                                .example("payload.text"))
                .addProperty("message", new StringSchema().example("must not be null"));
        schema.setRequired(List.of("field", "message"));
        return schema;
    }
}
