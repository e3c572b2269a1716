package io.chat4all.hub.replay;

import java.util.LinkedHashMap;
import java.util.Map;

import io.chat4all.events.HubError;
import io.chat4all.hub.web.ApiProblems;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/replay} (the progress of the last or running replay) and {@code POST
 * /actuator/replay} (start one). Only over loopback (see the security configuration): an operator
 * on the host, or {@code docker compose exec}, not a client of the API.
 */
@Component
@Endpoint(id = "replay")
@ConditionalOnProperty(name = "chat4all.role.projections", havingValue = "true", matchIfMissing = true)
class ReplayEndpoint {

    private final ReadModelReplay replay;

    ReplayEndpoint(ReadModelReplay replay) {
        this.replay = replay;
    }

    @ReadOperation
    ReadModelReplay.Progress progress() {
        return replay.progress();
    }

    @WriteOperation
    WebEndpointResponse<Object> start() {
        try {
            return new WebEndpointResponse<>(replay.start(), 202);
        } catch (ReadModelReplay.Refused refused) {
            // The API's problem document, as a map: the actuator writes with a mapper of its own.
            ProblemDetail problem = ApiProblems.of(HubError.REPLAY_REFUSED, refused.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", problem.getType().toString());
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("code", HubError.REPLAY_REFUSED.name());
            body.put("detail", problem.getDetail());
            return new WebEndpointResponse<>(body, 409);
        }
    }
}
