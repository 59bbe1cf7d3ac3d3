package io.invitekit.bench.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak 26.4 for the bench: the Temurin JDK it runs on (21 or newer, from /usr/lib/jvm), its
 * distribution fetched with Maven ({@value #ARTIFACT}) and unzipped under bench/target/keycloak,
 * both kept for later runs.
 */
final class KeycloakDistribution {
    static final String VERSION = "26.4.0";
    static final String ARTIFACT = "org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip";
    private static final Path JVMS = Path.of("/usr/lib/jvm");
    private static final int MIN_JAVA = 21;

    /** Why Keycloak cannot be measured here (the report says so, and the run goes on). */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String why) {
            super(why);
        }
    }

    /** A JDK under /usr/lib/jvm: its home, its feature release, and its version as its release file says. */
    record Jdk(Path home, int feature, String version) {
        Path java() {
            return home.resolve("bin/java");
        }
    }

    private final Path home;
    private final Jdk jdk;

    private KeycloakDistribution(Path home, Jdk jdk) {
        this.home = home;
        this.jdk = jdk;
    }

    /** The unpacked distribution (bin/kc.sh, lib, data). */
    Path home() {
        return home;
    }

    Jdk jdk() {
        return jdk;
    }

    /**
     * The JDK, then the zip (Maven's dependency:copy into bench/target/keycloak, unless an earlier
     * run put it there), then the unpacked distribution.
     *
     * @param mavenArgs extra Maven arguments (MAVEN_ARGS, e.g. -o)
     */
    static KeycloakDistribution prepare(Path root, List<String> mavenArgs) throws Unavailable, IOException, InterruptedException {
        Jdk jdk = temurin().orElseThrow(() -> new Unavailable("no Temurin JDK " + MIN_JAVA + " or newer under " + JVMS
                + " (looked for " + JVMS + "/temurin-*; Keycloak 26 needs Java " + MIN_JAVA + "+)"));
        Path dir = root.resolve("bench/target/keycloak");
        Files.createDirectories(dir);
        Path zip = dir.resolve("keycloak-quarkus-dist-" + VERSION + ".zip");
        if (!Files.isRegularFile(zip)) {
            fetch(root, dir, zip, mavenArgs);
        }
        Path home = dir.resolve("keycloak-" + VERSION);
        if (!Files.exists(home.resolve(".bench-unzipped"))) {
            unzip(zip, dir, home);
        }
        return new KeycloakDistribution(home, jdk);
    }

    /** The newest Temurin JDK of at least Java 21 under /usr/lib/jvm, found by glob temurin-*. */
    static Optional<Jdk> temurin() {
        List<Jdk> found = new ArrayList<>();
        if (!Files.isDirectory(JVMS)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(JVMS, "temurin-*")) {
            for (Path dir : dirs) {
                Path release = dir.resolve("release");
                if (Files.isExecutable(dir.resolve("bin/java")) && Files.isRegularFile(release)) {
                    String version = releaseValue(Files.readAllLines(release), "JAVA_VERSION");
                    int feature = feature(version);
                    if (feature >= MIN_JAVA) {
                        String vendor = releaseValue(Files.readAllLines(release), "IMPLEMENTOR");
                        found.add(new Jdk(dir, feature, (vendor.isEmpty() ? "" : vendor + " ") + version));
                    }
                }
            }
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        return found.stream().max((a, b) -> Integer.compare(a.feature(), b.feature()));
    }

    static String releaseValue(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).replace("\"", "").trim();
            }
        }
        return "";
    }

    /** 25 for "25.0.1", 21 for "21", 8 for "1.8.0_452"; -1 if unreadable. */
    static int feature(String version) {
        String[] parts = version.split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void fetch(Path root, Path dir, Path zip, List<String> mavenArgs) throws Unavailable, IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-N"));
        command.addAll(mavenArgs);
        command.addAll(Arrays.asList("dependency:copy", "-Dartifact=" + ARTIFACT, "-DoutputDirectory=" + dir));
        Path log = dir.resolve("mvn-fetch.log");
        System.err.println("fetching Keycloak with Maven: " + String.join(" ", command));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException noMaven) {
            throw new Unavailable("Maven (mvn) could not be started to fetch " + ARTIFACT + ": " + noMaven.getMessage());
        }
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new Unavailable("Maven did not fetch " + ARTIFACT + " within 20 minutes (" + log + ")");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(zip)) {
            String error = Files.readAllLines(log).stream().filter(l -> l.contains("ERROR")).findFirst()
                    .orElse("exit status " + process.exitValue());
            throw new Unavailable("Maven could not fetch " + ARTIFACT + ": " + error.replace("[ERROR] ", "").strip()
                    + " (" + log + ")");
        }
    }

    /** Unpacks into a fresh directory beside {@code home}, then moves it into place; the scripts made executable. */
    private static void unzip(Path zip, Path dir, Path home) throws IOException {
        System.err.println("unzipping " + zip);
        Path partial = dir.resolve("unzipping");
        Bench.deleteRecursively(partial);
        Bench.deleteRecursively(home);
        Files.createDirectories(partial);
        Path top = null;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("zip entry outside its directory: " + entry.getName());
                }
                if (top == null) {
                    top = partial.resolve(partial.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (target.getFileName().toString().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
        if (top == null || !Files.isRegularFile(top.resolve("bin/kc.sh"))) {
            throw new IOException(zip + " holds no bin/kc.sh");
        }
        Files.move(top, home);
        Bench.deleteRecursively(partial);
        Files.writeString(home.resolve(".bench-unzipped"), "unzipped by bench/run from " + zip.getFileName() + "\n");
    }
}
