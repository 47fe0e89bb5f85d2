package org.benchrig.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Board module lists kept per firmware under {@code DATA_DIR/compat/board-modules/KEY.json}: the
 * same firmware has the same modules, so a board is asked once per image. A file that cannot be
 * read is treated as absent (the board is asked again and the file rewritten).
 */
final class ModuleCache {
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    ModuleCache(Path dataDir) {
        this.dir = dataDir.resolve("compat").resolve("board-modules");
    }

    Optional<ModuleList> get(String key) {
        Path f = dir.resolve(key + ".json");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            ModuleList l = json.readValue(f.toFile(), ModuleList.class);
            return l.modules().isEmpty() ? Optional.empty() : Optional.of(l);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void put(ModuleList list) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, list.key(), ".tmp");
            json.writeValue(tmp.toFile(), list);
            Files.move(tmp, dir.resolve(list.key() + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CompatFailure("cannot write the module cache under " + dir + ": " + e.getMessage());
        }
    }
}
