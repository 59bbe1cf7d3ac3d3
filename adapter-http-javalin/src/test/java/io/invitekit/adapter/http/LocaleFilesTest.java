package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.domain.shared.LocaleTag;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every language of the pages is complete: each {@code assets/<locale>.json} has exactly the keys
 * of {@code en.json}, each with the same {placeholders}, and every plural family its "other"
 * form. The pages never fall back to English key by key, so a missing key would show its name.
 */
class LocaleFilesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");
    private static final Pattern LOCALE_FILE = Pattern.compile("([a-z]{2,3})\\.json");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyLocaleHasEveryKeyOfEnglishWithTheSamePlaceholders() throws Exception {
        Map<String, String> english = strings("en");
        List<String> problems = new ArrayList<>();
        for (String locale : localeFiles()) {
            problems.addAll(differences(english, locale, strings(locale)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theComparisonBitesOnAMissingAnExtraAndADifferentPlaceholder() throws Exception {
        Map<String, String> english = strings("en");
        Map<String, String> broken = new TreeMap<>(strings("de"));
        broken.remove("login.title");
        broken.put("login.extra", "Zusatz");
        broken.put("joc.heading", "Willkommen, {vorname}");

        assertThat(differences(english, "de", broken)).containsExactlyInAnyOrder(
                "de.json lacks login.title",
                "de.json has login.extra, which en.json does not",
                "de.json joc.heading has {vorname} where en.json has {name}");
    }

    @Test
    void pluralFamiliesHaveTheirOtherForm() throws Exception {
        for (String locale : localeFiles()) {
            Set<String> keys = strings(locale).keySet();
            List<String> lonely = keys.stream().filter(k -> k.endsWith(".one"))
                    .map(k -> k.substring(0, k.length() - ".one".length()) + ".other")
                    .filter(other -> !keys.contains(other)).toList();
            assertThat(lonely).as(locale).isEmpty();
        }
    }

    @Test
    void thePagesTheServerAndTheFilesOfferTheSameLocales() throws Exception {
        // The pages take their languages from GET /api/platform/info (the server's InvitekitSettings.locales),
        // never from a list of their own; each language the server offers by default has its file.
        String i18n = Files.readString(assets().resolve("i18n.js"));
        assertThat(i18n).contains("platform.locales").doesNotContainPattern("SUPPORTED = \\[\"en\", ");
        List<String> offered = InvitekitSettings.DEFAULT_LOCALES.stream().map(LocaleTag::value).toList();
        assertThat(new TreeSet<>(localeFiles())).isEqualTo(new TreeSet<>(offered));
    }

    static List<String> differences(Map<String, String> english, String locale, Map<String, String> other) {
        List<String> problems = new ArrayList<>();
        english.keySet().stream().filter(k -> !other.containsKey(k))
                .forEach(k -> problems.add(locale + ".json lacks " + k));
        other.keySet().stream().filter(k -> !english.containsKey(k))
                .forEach(k -> problems.add(locale + ".json has " + k + ", which en.json does not"));
        english.forEach((key, text) -> {
            if (other.containsKey(key) && !placeholders(text).equals(placeholders(other.get(key)))) {
                problems.add(locale + ".json " + key + " has " + braces(placeholders(other.get(key)))
                        + " where en.json has " + braces(placeholders(text)));
            }
        });
        return problems;
    }

    private static Set<String> placeholders(String text) {
        return PLACEHOLDER.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String braces(Set<String> names) {
        return names.stream().map(n -> "{" + n + "}").collect(Collectors.joining(" "));
    }

    private Map<String, String> strings(String locale) throws IOException, URISyntaxException {
        JsonNode node = json.readTree(Files.readString(assets().resolve(locale + ".json")));
        Map<String, String> strings = new TreeMap<>();
        node.fields().forEachRemaining(e -> {
            assertThat(e.getValue().isTextual()).as(locale + " " + e.getKey() + " is text").isTrue();
            assertThat(e.getValue().asText()).as(locale + " " + e.getKey()).isNotBlank();
            strings.put(e.getKey(), e.getValue().asText());
        });
        return strings;
    }

    private static List<String> localeFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(assets())) {
            return files.map(f -> LOCALE_FILE.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> m.group(1)).sorted().toList();
        }
    }

    private static Path assets() throws URISyntaxException {
        return Path.of(LocaleFilesTest.class.getClassLoader().getResource("invitekit/web/assets/en.json").toURI())
                .getParent();
    }
}
