package io.invitekit.application.config;

import java.util.List;

/**
 * The languages this release offers its pages and emails in (BCP 47 tags, the first one the
 * default): the one list the server reports ({@code GET /api/platform/info}) and the pages choose
 * from. A new language is one more entry here, and its strings (the pages' {@code <tag>.json},
 * the mail adapter's {@code messages_<tag>.properties}).
 */
public final class SupportedLocales {
    public static final List<String> ALL = List.of("en");

    private SupportedLocales() {
    }
}
