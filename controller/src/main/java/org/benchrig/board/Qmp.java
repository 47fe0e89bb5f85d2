package org.benchrig.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.benchrig.time.Deadline;

/** A client for QEMU's machine protocol (QMP) on a unix socket: hard reset and power off. */
final class Qmp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Qmp() {
    }

    /** Runs one QMP command ({@code system_reset}, {@code quit}) and returns its "return" value. */
    static JsonNode execute(Path socket, String command, Deadline deadline) {
        return execute(socket, command, Map.of(), deadline);
    }

    /** As {@link #execute(Path, String, Deadline)} with {@code arguments} ({@code memsave}: val, size, filename). */
    static JsonNode execute(Path socket, String command, Map<String, Object> arguments, Deadline deadline) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            StringBuilder in = new StringBuilder();
            readMessage(ch, in, "QMP", deadline); // greeting
            send(ch, Map.of("execute", "qmp_capabilities"));
            readMessage(ch, in, "return", deadline);
            send(ch, arguments.isEmpty() ? Map.of("execute", command) : Map.of("execute", command, "arguments", arguments));
            return readMessage(ch, in, "return", deadline).get("return");
        } catch (IOException e) {
            throw new LinkLost("QMP " + command + " on " + socket + " failed: " + e.getMessage(), e);
        }
    }

    private static void send(SocketChannel ch, Map<String, Object> message) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Reads newline-framed JSON messages until one has {@code key}; events in between are skipped. */
    private static JsonNode readMessage(SocketChannel ch, StringBuilder in, String key, Deadline deadline)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (true) {
            int nl;
            while ((nl = in.indexOf("\n")) >= 0) {
                String line = in.substring(0, nl).strip();
                in.delete(0, nl + 1);
                if (!line.isEmpty()) {
                    JsonNode node = JSON.readTree(line);
                    if (node.has("error")) {
                        throw new IOException(node.get("error").toString());
                    }
                    if (node.has(key)) {
                        return node;
                    }
                }
            }
            if (deadline.expired()) {
                throw new IOException("no QMP answer within " + deadline.budget().toMillis() + " ms");
            }
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                if (key.equals("return")) { // quit: QEMU may close before answering
                    return JSON.createObjectNode().set("return", JSON.createObjectNode());
                }
                throw new IOException("QMP socket closed");
            }
            if (n == 0) {
                sleepQuietly(5);
            } else {
                in.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
