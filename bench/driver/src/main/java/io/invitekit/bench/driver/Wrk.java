package io.invitekit.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs wrk with one of bench/wrk/*.lua (plus common.lua) and reads its summary line. */
final class Wrk {
    private final Path scripts;
    private final Path work;
    private final ObjectMapper json = new ObjectMapper();

    Wrk(Path scripts, Path work) {
        this.scripts = scripts;
        this.work = work;
    }

    record Result(long requests, double seconds, long non2xx, long socketErrors, double p50Ms, double p90Ms, double p99Ms) {
        double rps() {
            return requests / seconds;
        }

        long ok() {
            return requests - non2xx;
        }
    }

    /**
     * @param connections concurrent connections (callers)
     * @param args        passed to the script's init()
     */
    Result run(String script, String url, int threads, int connections, Duration duration, String... args)
            throws IOException, InterruptedException {
        Path combined = work.resolve("wrk-" + script);
        Files.writeString(combined, Files.readString(scripts.resolve("common.lua")) + "\n" + Files.readString(scripts.resolve(script)));
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "-s", combined.toString(), url));
        if (args.length > 0) {
            command.add("--");
            command.addAll(List.of(args));
        }
        Path out = work.resolve("wrk-" + script + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + command);
        }
        String text = Files.readString(out);
        int at = text.indexOf("WRKJSON ");
        if (at < 0) {
            throw new IllegalStateException("no summary from wrk " + command + ":\n" + text);
        }
        JsonNode s = json.readTree(text.substring(at + 8, text.indexOf('\n', at)));
        long socketErrors = s.get("connect").asLong() + s.get("read").asLong() + s.get("write").asLong() + s.get("timeout").asLong();
        return new Result(s.get("requests").asLong(), s.get("duration_us").asLong() / 1e6, s.get("status_errors").asLong(),
                socketErrors, s.get("p50_us").asLong() / 1e3, s.get("p90_us").asLong() / 1e3, s.get("p99_us").asLong() / 1e3);
    }
}
