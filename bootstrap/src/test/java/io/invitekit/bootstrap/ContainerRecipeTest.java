package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile and compose.yaml, read (never built or run: no container runtime here): what can
 * be checked without one — the user, the port, the health check, the volume, and that every
 * INVITEKIT_ variable they set is one the server reads and README's Configuration table lists.
 */
class ContainerRecipeTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern NAME = Pattern.compile("INVITEKIT_[A-Z0-9_]+");

    /** The Dockerfile's instructions of its last stage (the image), continuation lines joined. */
    private static List<String> finalStage() throws IOException {
        String joined = Files.readString(ROOT.resolve("Dockerfile")).replaceAll("\\\\\\n", " ");
        List<String> instructions = new ArrayList<>();
        for (String line : joined.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (stripped.toUpperCase(Locale.ROOT).startsWith("FROM ")) {
                instructions.clear();
            }
            instructions.add(stripped);
        }
        return instructions;
    }

    private static List<String> all(List<String> instructions, String keyword) {
        return instructions.stream().filter(i -> i.toUpperCase(Locale.ROOT).startsWith(keyword + " "))
                .map(i -> i.substring(keyword.length()).strip()).toList();
    }

    private static String last(List<String> instructions, String keyword) {
        List<String> found = all(instructions, keyword);
        assertThat(found).as("a %s instruction", keyword).isNotEmpty();
        return found.get(found.size() - 1);
    }

    /** The variables the first column of README's Configuration table names. */
    private static Set<String> readmeConfigurationTable() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        Set<String> names = new LinkedHashSet<>();
        for (String line : section.split("\n")) {
            if (line.startsWith("| `INVITEKIT_")) {
                Matcher m = NAME.matcher(line.substring(0, line.indexOf(" | ", 2)));
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    @Test
    void the_image_runs_the_fat_jar_on_a_jre_17_as_a_non_root_user() throws IOException {
        List<String> image = finalStage();

        assertThat(last(image, "FROM")).contains("17").containsIgnoringCase("jre");
        String user = last(image, "USER");
        assertThat(user).isNotIn("root", "0", "0:0").doesNotStartWith("root:").doesNotStartWith("0:");
        assertThat(last(image, "ENTRYPOINT")).contains("\"-jar\"").contains("invitekit-server.jar");
        assertThat(all(image, "COPY")).anySatisfy(copy -> assertThat(copy).contains("bootstrap/target/invitekit-server.jar"));
        assertThat(image.indexOf("USER " + user)).as("USER comes after every RUN (which then ran as root)")
                .isGreaterThan(image.stream().filter(i -> i.startsWith("RUN ")).mapToInt(image::indexOf).max().orElse(-1));
    }

    @Test
    void the_port_the_health_check_and_the_data_volume_agree_with_the_server() throws IOException {
        List<String> image = finalStage();
        String port = Integer.toString(Configuration.from(java.util.Map.of()).port());

        assertThat(last(image, "EXPOSE")).isEqualTo(port);
        assertThat(last(image, "HEALTHCHECK")).contains("CMD").contains("http://127.0.0.1:" + port + "/health/ready");
        // The default H2 URL is ./data/…, relative to the working directory: that directory is the volume.
        assertThat(io.invitekit.adapter.jdbi.DatabaseSettings.DEFAULT_URL).startsWith("jdbc:h2:file:./data/");
        String workdir = last(image, "WORKDIR");
        assertThat(last(image, "VOLUME")).contains("\"" + workdir + "/data\"");
    }

    @Test
    void every_invitekit_variable_the_recipes_set_is_a_setting_readme_lists() throws IOException {
        Set<String> used = new LinkedHashSet<>();
        Matcher inDockerfile = NAME.matcher(String.join("\n", finalStage()));
        while (inDockerfile.find()) {
            used.add(inDockerfile.group());
        }
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("compose.yaml").toFile());
        JsonNode invitekit = compose.path("services").path("invitekit");
        invitekit.path("environment").fieldNames().forEachRemaining(used::add);

        assertThat(used).contains("INVITEKIT_PORT", "INVITEKIT_DB_URL", "INVITEKIT_SMTP_HOST");
        assertThat(readmeConfigurationTable()).as("README's Configuration table").containsAll(used);
        assertThat(Configuration.names()).as("what the server reads").containsAll(used);
        assertThat(invitekit.path("build").asText()).isEqualTo(".");
        Set<String> services = new LinkedHashSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).containsExactlyInAnyOrder("invitekit", "postgres", "mailpit");
        assertThat(invitekit.path("environment").path("INVITEKIT_DB_URL").asText())
                .isEqualTo("jdbc:postgresql://postgres:5432/" + compose.path("services").path("postgres")
                        .path("environment").path("POSTGRES_DB").asText());
        assertThat(invitekit.path("environment").path("INVITEKIT_SMTP_HOST").asText()).isEqualTo("mailpit");
        assertThat(compose.path("services").path("mailpit").path("image").asText()).startsWith("axllent/mailpit");
        String ports = java.util.stream.StreamSupport.stream(invitekit.path("ports").spliterator(), false)
                .map(JsonNode::asText).collect(Collectors.joining(","));
        assertThat(ports).isEqualTo("8080:" + invitekit.path("environment").path("INVITEKIT_PORT").asText());
    }

    @Test
    void readme_lists_every_setting_the_server_reads() throws IOException {
        Set<String> listed = readmeConfigurationTable();
        // The Argon2 row spells two of its three names as …_ITERATIONS and …_PARALLELISM.
        listed.add("INVITEKIT_ARGON2_ITERATIONS");
        listed.add("INVITEKIT_ARGON2_PARALLELISM");
        listed.add("INVITEKIT_CONFIG_FILE"); // named in the text above the table

        assertThat(listed).containsAll(Configuration.names());
    }
}
