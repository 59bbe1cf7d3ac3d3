package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "&|&amp;", "<|&lt;", ">|&gt;", "\"|&quot;", "'|&#39;"})
    void each_special_character_becomes_its_entity(String raw, String escaped) {
        assertThat(Html.escape(raw)).isEqualTo(escaped);
    }

    @Test
    void everything_else_is_kept_as_it_is() {
        String text = "Café Zürich, 東京 🎉 = 100% (ok) / #token=abc-_ {x}";
        assertThat(Html.escape(text)).isEqualTo(text);
    }

    @Test
    void a_whole_string_is_escaped_in_order_and_entities_are_escaped_again() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
        assertThat(Html.escape("")).isEmpty();
    }
}
