package org.benchrig.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The distributions pip would install, read from its {@code install --dry-run --report} JSON. */
final class PipReport {
    /** One distribution pip picked: the requested one or a dependency of it. */
    record Pick(String name, String version, String url, boolean requested) {
        String fileName() {
            String path = URI.create(url.split("#")[0]).getPath();
            return path == null ? url : path.substring(path.lastIndexOf('/') + 1);
        }

        boolean wheel() {
            return fileName().endsWith(".whl");
        }
    }

    private PipReport() {
    }

    static List<Pick> picks(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new CompatFailure("pip wrote a report that is not JSON: " + e.getMessage());
        }
        List<Pick> out = new ArrayList<>();
        for (JsonNode item : root.path("install")) {
            JsonNode meta = item.path("metadata");
            out.add(new Pick(meta.path("name").asText(), meta.path("version").asText(),
                    item.path("download_info").path("url").asText(), item.path("requested").asBoolean()));
        }
        return out;
    }
}
