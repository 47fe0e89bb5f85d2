package org.benchrig.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before routing, with 400: a path that climbs above the root ("/../x") or
 * hides a segment or separator in an encoding ("%2e%2e", "%2f", "%5c"). They are answered 404, as
 * every path that names nothing, so a prober learns nothing from the status.
 */
final class BadUriIsNotFound extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (response.getStatus() == 400 || Integer.valueOf(400).equals(request.getAttribute(ERROR_STATUS))) {
            response.setStatus(404);
            response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap("404 not found\n".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
