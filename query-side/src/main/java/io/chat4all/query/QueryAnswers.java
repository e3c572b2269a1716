package io.chat4all.query;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;

/** Asks the query bus and waits; a refusal of the handler (404, 403) comes back as itself. */
public final class QueryAnswers {

    private QueryAnswers() {}

    public static <R> R ask(QueryGateway queries, Object query, Class<R> answerType) {
        try {
            return queries.query(query, ResponseTypes.instanceOf(answerType)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a query", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof QueryExecutionException wrapped
                    && wrapped.getCause() instanceof RuntimeException inner) {
                throw inner;
            }
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
