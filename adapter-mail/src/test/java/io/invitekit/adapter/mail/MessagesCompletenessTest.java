package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every language the adapter ships ({@code messages_*.properties} in src/main/resources) has
 * exactly the keys of the base file, each with the same {placeholders}: no email falls back to
 * English line by line. (The French file of the tests is a fixture, incomplete on purpose.)
 */
class MessagesCompletenessTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)\\}");

    @Test
    void everyShippedLanguageHasEveryKeyWithTheSamePlaceholders() throws Exception {
        Map<String, String> base = load(folder().resolve("messages.properties"));
        List<String> files = shipped();
        assertThat(files).contains("messages_de.properties");
        List<String> problems = new ArrayList<>();
        for (String file : files) {
            problems.addAll(differences(base, file, load(folder().resolve(file))));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theComparisonBitesOnAMissingAnExtraAndADifferentPlaceholder() throws Exception {
        Map<String, String> base = load(folder().resolve("messages.properties"));
        Map<String, String> broken = new TreeMap<>(load(folder().resolve("messages_de.properties")));
        broken.remove("invitation.button");
        broken.put("invitation.extra", "Zusatz");
        broken.put("invitation.plan", "Ihr Tarif: {plan}");

        assertThat(differences(base, "x", broken)).containsExactlyInAnyOrder(
                "x lacks invitation.button",
                "x has invitation.extra, which messages.properties does not",
                "x invitation.plan has [plan] where messages.properties has [tier]");
    }

    static List<String> differences(Map<String, String> base, String file, Map<String, String> other) {
        List<String> problems = new ArrayList<>();
        base.keySet().stream().filter(k -> !other.containsKey(k)).forEach(k -> problems.add(file + " lacks " + k));
        other.keySet().stream().filter(k -> !base.containsKey(k))
                .forEach(k -> problems.add(file + " has " + k + ", which messages.properties does not"));
        base.forEach((key, text) -> {
            if (other.containsKey(key) && !placeholders(text).equals(placeholders(other.get(key)))) {
                problems.add(file + " " + key + " has " + placeholders(other.get(key)) + " where messages.properties has "
                        + placeholders(text));
            }
        });
        return problems;
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, String> load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> texts = new TreeMap<>();
        properties.forEach((k, v) -> texts.put((String) k, (String) v));
        return texts;
    }

    private static List<String> shipped() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("messages_") && name.endsWith(".properties")).sorted().toList();
        }
    }

    /** The folder of the base file: src/main/resources as built (the tests' fixtures live elsewhere). */
    private static Path folder() throws URISyntaxException {
        return Path.of(MessagesCompletenessTest.class.getClassLoader()
                .getResource(MessageTexts.BUNDLE.replace('.', '/') + ".properties").toURI()).getParent();
    }
}
