package io.invitekit.bootstrap.cli;

import io.invitekit.bootstrap.process.ServerNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operator at a shell in one working directory: runs the fat jar's commands as processes, and
 * starts the server there, with one set of {@code INVITEKIT_} variables for both.
 */
final class Operator {
    private final Path work;
    private final Map<String, String> env;

    Operator(Path work, Map<String, String> env) {
        this.work = work;
        this.env = Map.copyOf(env);
    }

    /** What a command printed (standard output and error, interleaved) and its exit code. */
    record Run(int exit, String output) {
        /** The text after {@code label} on its line. */
        String after(String label) {
            int at = output.indexOf(label);
            if (at < 0) {
                throw new AssertionError("no \"" + label + "\" in:\n" + output);
            }
            int end = output.indexOf('\n', at);
            return output.substring(at + label.length(), end < 0 ? output.length() : end).strip();
        }
    }

    Run run(String... args) throws Exception {
        return runWith(null, Map.of(), args);
    }

    /** {@code stdin}: a line written to the command's standard input (then closed), or null. */
    Run runWith(String stdin, Map<String, String> moreEnv, String... args) throws Exception {
        Files.createDirectories(work);
        Path output = Files.createTempFile(work, "command-", ".out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(System.getProperty("invitekit.serverJar"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("INVITEKIT_"));
        Map<String, String> all = new HashMap<>(env);
        all.putAll(moreEnv);
        builder.environment().putAll(all);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish within 120 s:\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }

    /** The server (no command) in this directory, ready. */
    Server startServer() throws Exception {
        return new Server(work, env);
    }

    static final class Server extends ServerNode {
        Server(Path work, Map<String, String> env) throws Exception {
            super(startJarIn(work, "server", List.of(), env));
            awaitReady(Duration.ofSeconds(90));
        }
    }

    static Path freshDirectory(String name) throws IOException {
        return Files.createTempDirectory(Path.of("target"), name + "-").toAbsolutePath();
    }
}
