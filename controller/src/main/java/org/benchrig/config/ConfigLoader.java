package org.benchrig.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a rig config: Jackson parses the YAML into a tree, one pass over the token stream records
 * where every key and value sits, and {@link RigConfig#read} binds and checks the tree, collecting
 * every problem with its file, line, column and field path before anything is thrown.
 */
public final class ConfigLoader {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final YAMLMapper MAPPER = new YAMLMapper(YAML);

    private ConfigLoader() {}

    /** Reads and checks {@code file}; relative paths inside resolve against the file's directory. */
    public static RigConfig load(Path file) throws ConfigException {
        return load(readText(file), file);
    }

    /** The file as UTF-8 text; a missing file or a byte that is not UTF-8 is a problem at its place. */
    static String readText(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, 1, 1, "cannot read the config file: no such file");
        } catch (AccessDeniedException e) {
            throw fileProblem(file, 1, 1, "cannot read the config file: permission denied");
        } catch (IOException e) {
            throw fileProblem(file, 1, 1, "cannot read the config file: "
                    + (e.getMessage() == null ? "input/output error" : e.getMessage()));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - (before.lastIndexOf('\n') + 1) + 1;
            throw fileProblem(file, line, column, String.format(Locale.ROOT,
                    "not UTF-8: byte 0x%02X at offset %d (line %d, column %d) does not start a valid UTF-8 "
                            + "character; save the file as UTF-8", bytes[in.position()] & 0xFF, in.position(), line,
                    column));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static ConfigException fileProblem(Path file, int line, int column, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, line, column, "(file)", message)));
    }

    /** Checks {@code yamlText} as if it had been read from {@code pretendFile}. */
    public static RigConfig load(String yamlText, Path pretendFile) throws ConfigException {
        return load(yamlText, pretendFile, System.getenv("PATH"));
    }

    /** As {@link #load(String, Path)}, looking interpreters up on {@code pathEnv} instead of $PATH. */
    static RigConfig load(String yamlText, Path file, String pathEnv) throws ConfigException {
        return load(yamlText, file, pathEnv, RigConfig::read);
    }

    /** Reads and checks a hub config ({@code benchrig hub --config hub.yaml}). */
    public static HubConfig loadHub(Path file) throws ConfigException {
        return load(readText(file), file, System.getenv("PATH"), HubConfig::read);
    }

    private static <T> T load(String yamlText, Path file, String pathEnv,
                              java.util.function.BiFunction<MappingReader, Path, T> read) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<JsonPointer, JsonLocation> keys = new HashMap<>();
        Map<JsonPointer, JsonLocation> values = new HashMap<>();
        int tokens = scan(yamlText, file, keys, values, problems);
        if (tokens < 0) {
            throw new ConfigException(problems);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(yamlText);
        } catch (JsonProcessingException e) {  // the scan already parsed it; only a Jackson bug lands here
            problems.add(new ConfigProblem(file, 1, 1, "(root)", "cannot read YAML: " + e.getOriginalMessage()));
            throw new ConfigException(problems);
        }
        if (tokens == 0 || root == null || root.isNull() || root.isMissingNode()) {
            problems.add(new ConfigProblem(file, 1, 1, "(root)",
                    "empty file; expected a YAML mapping with at least 'rig' and 'data_dir'"));
            throw new ConfigException(problems);
        }
        if (!(root instanceof ObjectNode rootMapping)) {
            JsonLocation l = values.get(JsonPointer.empty());
            problems.add(new ConfigProblem(file, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(),
                    "(root)", "expected a YAML mapping (rig: ..., data_dir: ...) at the top level, got "
                    + ValueChecks.describe(root)));
            throw new ConfigException(problems);
        }
        ReadContext ctx = new ReadContext(file, pathEnv, keys, values);
        ctx.problems().addAll(problems);
        Path source = file.toAbsolutePath().normalize();
        T config = MappingReader.read(ctx, rootMapping, JsonPointer.empty(), "",
                m -> read.apply(m, source));
        ctx.checkUniqueIds();
        if (!ctx.problems().isEmpty()) {
            throw new ConfigException(ctx.problems());
        }
        return config;
    }

    /**
     * Walks the token stream once, recording the location of every key and value by JSON pointer
     * and reporting duplicate keys and extra documents. Returns the number of tokens, or -1 after a
     * YAML syntax error (which is added to {@code problems}).
     */
    private static int scan(String text, Path file, Map<JsonPointer, JsonLocation> keys,
                            Map<JsonPointer, JsonLocation> values, List<ConfigProblem> problems) {
        int count = 0;
        Deque<Map<String, JsonLocation>> seenKeys = new ArrayDeque<>();
        int depth = 0;
        boolean rootDone = false;
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                count++;
                JsonLocation at = p.currentTokenLocation();
                if (depth == 0 && rootDone) {
                    problems.add(problem(file, at, "(root)",
                            "a rig config is a single YAML document; found another one here"));
                    break;
                }
                JsonPointer pointer = p.getParsingContext().pathAsPointer();
                switch (t) {
                    case FIELD_NAME -> {
                        String name = p.currentName();
                        Map<String, JsonLocation> seen = seenKeys.peek();
                        JsonLocation first = seen == null ? null : seen.putIfAbsent(name, at);
                        if (first != null) {
                            problems.add(problem(file, at, dotted(p.getParsingContext()),
                                    "duplicate key '" + name + "'; first defined at line " + first.getLineNr()));
                        }
                        keys.put(pointer, at);
                    }
                    case START_OBJECT, START_ARRAY -> {
                        values.put(pointer, at);
                        seenKeys.push(t == JsonToken.START_OBJECT ? new HashMap<>() : new HashMap<>(0));
                        depth++;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        seenKeys.pop();
                        depth--;
                        rootDone = depth == 0;
                    }
                    default -> {
                        values.put(pointer, at);
                        rootDone = depth == 0;
                    }
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(file, e));
            return -1;
        } catch (IOException e) {
            problems.add(new ConfigProblem(file, 1, 1, "(root)", "cannot read YAML: " + e.getMessage()));
            return -1;
        }
        return count;
    }

    private static ConfigProblem syntaxProblem(Path file, JsonProcessingException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYAMLException y) {
                Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                StringBuilder msg = new StringBuilder("YAML syntax error: ").append(oneLine(y.getProblem()));
                if (y.getContext() != null) {
                    msg.append(" (").append(oneLine(y.getContext()));
                    Mark ctxMark = y.getContextMark();
                    if (ctxMark != null) {
                        msg.append(" started at line ").append(ctxMark.getLine() + 1)
                                .append(", column ").append(ctxMark.getColumn() + 1);
                    }
                    msg.append(')');
                }
                int line = mark == null ? 1 : mark.getLine() + 1;
                int column = mark == null ? 1 : mark.getColumn() + 1;
                return new ConfigProblem(file, line, column, "(root)", msg.toString());
            }
        }
        JsonLocation l = e.getLocation();
        return problem(file, l, "(root)", "YAML syntax error: " + oneLine(e.getOriginalMessage()));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static ConfigProblem problem(Path file, JsonLocation l, String path, String message) {
        int line = l == null ? 1 : Math.max(1, l.getLineNr());
        int column = l == null ? 1 : Math.max(1, l.getColumnNr());
        return new ConfigProblem(file, line, column, path, message);
    }

    /** {@code boards[1].pacing.chunk_bytes} for a parser context. */
    private static String dotted(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String s = String.join("", parts);
        s = s.startsWith(".") ? s.substring(1) : s;
        return s.isEmpty() ? "(root)" : s;
    }
}
