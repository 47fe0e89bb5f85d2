package org.benchrig.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A local package directory built with the standard tools (Debian's python3 with setuptools and
 * wheel: {@code pip wheel} and {@code setup.py sdist}), for pip's {@code --no-index --find-links}.
 * A compiled wheel is a real wheel re-tagged for one interpreter (its WHEEL file and RECORD updated),
 * which is all pip looks at when it picks a file.
 */
public final class LocalPackageIndex {
    /** Debian's interpreter, which has setuptools and wheel (python3-pip depends on both). */
    public static final String BUILD_PYTHON = "/usr/bin/python3";
    private static final long BUILD_LIMIT_S = 120;

    private final Path dir;
    private final Path work;

    public LocalPackageIndex(Path root) throws IOException {
        this.dir = Files.createDirectories(root.resolve("index"));
        this.work = Files.createDirectories(root.resolve("build"));
    }

    public Path dir() {
        return dir;
    }

    /** A pure-Python wheel {@code NAME-1.0-py3-none-any.whl} in the index; returns its path. */
    public Path pureWheel(String name) throws Exception {
        Path built = buildWheel(name, work.resolve("wheels-" + name));
        return Files.copy(built, dir.resolve(built.getFileName()));
    }

    /** Only a compiled wheel tagged {@code tag} (e.g. cp311-cp311-linux_x86_64). */
    public Path compiledWheel(String name, String tag) throws Exception {
        Path built = buildWheel(name, work.resolve("wheels-" + name + "-" + tag));
        return retag(built, tag);
    }

    /** An sdist whose C extension does not compile (and no wheel). */
    public Path brokenSdist(String name) throws Exception {
        Path src = Files.createDirectories(work.resolve("src-" + name));
        Files.writeString(src.resolve("setup.py"), "from setuptools import setup, Extension\n"
                + "setup(name='" + name + "', version='1.0', ext_modules=[Extension('" + name + "', ['" + name + ".c'])])\n");
        Files.writeString(src.resolve(name + ".c"), "this is not C;\n");
        Files.writeString(src.resolve("README"), "a package whose build fails\n");
        run(src, BUILD_PYTHON, "setup.py", "-q", "sdist", "--dist-dir", dir.toString());
        return dir.resolve(name + "-1.0.tar.gz");
    }

    /** The most specific compiled-wheel tag of a CPython or PyPy interpreter, from its version and machine. */
    public static String compiledTag(String interpreter) throws Exception {
        String script = "import sys, platform\n"
                + "v = '%d%d' % sys.version_info[:2]\n"
                + "m = platform.machine()\n"
                + "if hasattr(sys, 'pypy_version_info'):\n"
                + "    p = sys.pypy_version_info\n"
                + "    print('pp%s-pypy%s_pp%d%d-linux_%s' % (v, v, p.major, p.minor, m))\n"
                + "else:\n"
                + "    print('cp%s-cp%s-linux_%s' % (v, v, m))\n";
        return run(Path.of("."), interpreter, "-c", script).strip();
    }

    private Path buildWheel(String name, Path out) throws Exception {
        Path src = Files.createDirectories(work.resolve("src-" + name));
        Files.createDirectories(src.resolve(name));
        Files.writeString(src.resolve(name).resolve("__init__.py"), "VALUE = 42\n");
        Files.writeString(src.resolve("setup.py"), "from setuptools import setup\n"
                + "setup(name='" + name + "', version='1.0', packages=['" + name + "'])\n");
        run(src, BUILD_PYTHON, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-index", "--no-build-isolation",
                "--no-cache-dir", "--wheel-dir", out.toString(), src.toString());
        try (var s = Files.list(out)) {
            return s.filter(p -> p.toString().endsWith(".whl")).findFirst().orElseThrow();
        }
    }

    /** Copies a pure wheel into the index as NAME-1.0-TAG.whl with WHEEL and RECORD saying so. */
    private Path retag(Path pure, String tag) throws Exception {
        String base = pure.getFileName().toString().replace("-py3-none-any.whl", "");
        Path target = dir.resolve(base + "-" + tag + ".whl");
        List<String[]> records = new ArrayList<>();
        try (ZipFile in = new ZipFile(pure.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            String recordName = null;
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] data;
                try (InputStream is = in.getInputStream(e)) {
                    data = is.readAllBytes();
                }
                if (e.getName().endsWith(".dist-info/RECORD")) {
                    recordName = e.getName();
                    continue;
                }
                if (e.getName().endsWith(".dist-info/WHEEL")) {
                    data = new String(data, StandardCharsets.UTF_8).replace("Root-Is-Purelib: true", "Root-Is-Purelib: false")
                            .replace("Tag: py3-none-any", "Tag: " + tag).getBytes(StandardCharsets.UTF_8);
                }
                records.add(new String[] {e.getName(), "sha256=" + digest(data), String.valueOf(data.length)});
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
            ByteArrayOutputStream rec = new ByteArrayOutputStream();
            for (String[] r : records) {
                rec.writeBytes((String.join(",", r) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            rec.writeBytes((recordName + ",,\n").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry(recordName));
            out.write(rec.toByteArray());
            out.closeEntry();
        }
        return target;
    }

    private static String digest(byte[] data) throws NoSuchAlgorithmException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static String run(Path dir, String... cmd) throws Exception {
        Path out = Files.createTempFile("index-build", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(BUILD_LIMIT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
            }
            String text = Files.readString(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
