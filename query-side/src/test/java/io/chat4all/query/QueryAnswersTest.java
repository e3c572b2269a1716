package io.chat4all.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chat4all.events.HubError;
import io.chat4all.events.HubException;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controllers ask through Axon's query bus; a handler's refusal (404, 403) must reach the
 * one error advice as the HubException it is, not wrapped, or the client would get a 500.
 */
class QueryAnswersTest {

    record Ask(String who) {}

    static class Handler {

        @QueryHandler
        String answer(Ask ask) {
            if ("stranger".equals(ask.who())) {
                throw new HubException(HubError.ACCESS_DENIED);
            }
            return "hello " + ask.who();
        }
    }

    QueryGateway queries;

    @BeforeEach
    void bus() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new Handler()).subscribe(bus);
        queries = DefaultQueryGateway.builder().queryBus(bus).build();
    }

    @Test
    void anAnswerComesBackAsItIs() {
        assertThat(QueryAnswers.ask(queries, new Ask("alice"), String.class)).isEqualTo("hello alice");
    }

    @Test
    void aRefusalOfTheHandlerComesBackAsItself() {
        assertThatThrownBy(() -> QueryAnswers.ask(queries, new Ask("stranger"), String.class))
                .isInstanceOfSatisfying(
                        HubException.class, e -> assertThat(e.error()).isEqualTo(HubError.ACCESS_DENIED));
    }
}
