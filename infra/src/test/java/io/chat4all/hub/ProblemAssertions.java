package io.chat4all.hub;

import static org.assertj.core.api.Assertions.assertThat;

/** The error document of API.md, as a client checks it. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    public static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.rawBody()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).containsEntry("code", code).containsEntry("status", status);
        assertThat(response.rawBody()).doesNotContain("Exception", "\tat ", "org.springframework", "SQL");
    }
}
