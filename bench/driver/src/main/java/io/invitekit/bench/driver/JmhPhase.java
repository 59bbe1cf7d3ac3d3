package io.invitekit.bench.driver;

import static io.invitekit.bench.driver.Report.num;
import static io.invitekit.bench.driver.Report.ratio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** JMH (bench/jmh) on the domain's hot paths, each beside its JDK-only baseline. */
final class JmhPhase {
    /** Benchmark → its baseline, in the order shown. */
    private static final Map<String, String> PAIRS = new LinkedHashMap<>();

    static {
        PAIRS.put("codeNormalize", "jdkNormalizeNfkc");
        PAIRS.put("codeGenerate", "jdkSecureRandomEightSymbols");
        PAIRS.put("tokenDigest", "jdkSha256Hex");
        PAIRS.put("tokenGenerate", "jdkRandomUuid");
        PAIRS.put("idNext", "jdkRandomUuid");
        PAIRS.put("subdomainSuggest", "jdkNormalizeNfkd");
    }

    private static final Map<String, String> WHAT = Map.of(
            "codeNormalize", "InviteCode.normalize(\" a7bx - 9pq2 \")",
            "codeGenerate", "InviteCode.generate(8, SecureRandom)",
            "tokenDigest", "SecretToken.parse(t).digest() (SHA-256, hex)",
            "tokenGenerate", "SecretToken.generate(SecureRandom)",
            "idNext", "IdGenerator.next() (UUIDv7, SecureRandom)",
            "subdomainSuggest", "Subdomain.suggestFrom(\"Café Zürich & Co\")");

    private final Bench.Setup setup;
    private final Report report;

    JmhPhase(Bench.Setup setup, Report report) {
        this.setup = setup;
        this.report = report;
    }

    void run() throws Exception {
        Path json = setup.work().resolve("jmh.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", setup.jmhJar().toString(), "-rf", "json", "-rff", json.toString(),
                "-f", "1", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s",
                "-jvmArgs", String.join(" ", setup.jvmFlags())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(setup.work().resolve("jmh.log").toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("JMH failed; see " + setup.work().resolve("jmh.log"));
        }
        Map<String, double[]> scores = new HashMap<>();
        for (JsonNode result : new ObjectMapper().readTree(json.toFile())) {
            String name = result.path("benchmark").asText();
            JsonNode metric = result.path("primaryMetric");
            scores.put(name.substring(name.lastIndexOf('.') + 1),
                    new double[] {metric.path("score").asDouble(), metric.path("scoreError").asDouble()});
        }
        report.section("JMH: the domain's hot paths (1 thread, ops/ms, 1 fork, 2×1 s warm-up, 3×1 s measured)");
        report.note("Each beside a JDK-only baseline doing the core of the same work; ratio = ops/ms ÷ the baseline's.");
        Report.Table table = report.table("benchmark", "ops/ms", "± (99.9 %)", "JDK baseline", "baseline ops/ms", "ratio");
        PAIRS.forEach((name, baseline) -> {
            double[] score = scores.get(name);
            double[] base = scores.get(baseline);
            table.row(WHAT.get(name), num(score[0]), num(score[1]), baseline, num(base[0]), ratio(score[0] / base[0]));
        });
    }
}
