package org.benchrig.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.benchrig.board.BoardBusy;

/**
 * How the API answers what went wrong: {@code {"error": "..."}} with the status that says what
 * kind (400 a bad request, 404 nothing there, 409 busy), and a plain-text 404 off the API.
 */
final class Answers {
    private Answers() {
    }

    /** Maps the exceptions route handlers throw to answers; everything unrouted is 404. */
    static void addTo(RoutesConfig routes) {
        routes.exception(BoardBusy.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        routes.exception(NotFoundResponse.class, (e, ctx) -> notFound(ctx));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        routes.exception(MismatchedInputException.class, (e, ctx) -> error(ctx, 400, mismatch(e)));
        routes.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, 400, "bad JSON: " + e.getOriginalMessage()));
        routes.error(404, Answers::notFound);
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "error" : message));
    }

    static void notFound(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            error(ctx, 404, "not found");
        } else {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("404 not found\n");
        }
    }

    /** A body of the wrong shape, said by its field and what the field takes (Jackson's text names Java types). */
    static String mismatch(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            // refused rather than ignored: an old client's "verifyOnly" would otherwise flash for real
            return "unknown field '" + u.getPropertyName() + "'; this request takes " + u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        }
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        Class<?> type = e.getTargetType();
        String expected = type == null ? "another value"
                : java.util.Collection.class.isAssignableFrom(type) || type.isArray() ? "a list"
                : type == String.class ? "a string"
                : type == Boolean.class || type == boolean.class ? "true or false"
                : Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number"
                : "a JSON object";
        return field.isEmpty() ? "expected a JSON object" : field + ": expected " + expected;
    }
}
