package org.benchrig.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The before-handler of every request: security headers, a limit on bodies, and the bearer token
 * on actions (every POST). Paths that climb out of the root never get here: Jetty refuses them and
 * {@link BadUriIsNotFound} answers 404.
 */
final class Guard {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    private static final Set<HandlerType> ACTIONS = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE,
            HandlerType.PATCH);

    private final String token;
    private final String tokenEnv;

    /** @param token the bearer token, or null: actions disabled except for the CLI on this machine */
    Guard(String token, String tokenEnv) {
        this.token = token;
        this.tokenEnv = tokenEnv;
    }

    void handle(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (!ACTIONS.contains(ctx.method())) {
            return;
        }
        if (ctx.req().getContentLengthLong() > WebServer.MAX_BODY_BYTES) {
            refuse(ctx, 413, "request body larger than " + WebServer.MAX_BODY_BYTES + " bytes");
            return;
        }
        if (token == null && fromLocalCli(ctx)) {
            return; // the CLI on this machine: reachable without a token, as the same user could open the boards
        }
        if (token == null) { // no token can be right: the same 401 as a wrong one, saying how to enable actions
            ctx.header("WWW-Authenticate", "Bearer realm=\"benchrig\"");
            refuse(ctx, 401, "actions are disabled: start the controller with the environment variable "
                    + tokenEnv + " set to a token");
            return;
        }
        String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        String given = auth.startsWith("Bearer ") ? auth.substring(7).strip() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"benchrig\"");
            refuse(ctx, 401, "this action needs the bearer token (Authorization: Bearer ...)");
        }
    }

    private static void refuse(Context ctx, int status, String message) {
        Answers.error(ctx, status, message);
        ctx.skipRemainingHandlers();
    }

    /** A request from the CLI on this machine: from a loopback address, with {@link WebServer#CLI_HEADER}. */
    private static boolean fromLocalCli(Context ctx) {
        if (ctx.header(WebServer.CLI_HEADER) == null) {
            return false;
        }
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
