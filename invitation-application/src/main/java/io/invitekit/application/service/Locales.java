package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import io.invitekit.domain.shared.LocaleTag;
import java.util.stream.Collectors;

/** Which languages a deployment offers ({@link InvitekitSettings#locales()}), checked in one place. */
final class Locales {
    private Locales() {
    }

    /**
     * @throws InvalidValueException {@code unsupported_locale} when the deployment has no pages and
     *         emails in {@code locale}
     */
    static LocaleTag requireOffered(InvitekitSettings settings, LocaleTag locale) {
        if (!settings.offers(locale)) {
            throw new InvalidValueException(ErrorCode.UNSUPPORTED_LOCALE, offered(settings));
        }
        return locale;
    }

    /** What a refusal says: the languages there are. */
    static String offered(InvitekitSettings settings) {
        return "choose one of " + settings.locales().stream().map(LocaleTag::value).collect(Collectors.joining(", "));
    }
}
