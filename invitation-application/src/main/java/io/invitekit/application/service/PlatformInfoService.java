package io.invitekit.application.service;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.PlatformView;
import io.invitekit.application.port.in.PlatformInfoUseCase;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.TierCatalog;
import java.util.List;

/** Built once from the settings: none of it changes while the application runs. */
public final class PlatformInfoService implements PlatformInfoUseCase {
    private final PlatformView info;

    public PlatformInfoService(InvitekitSettings settings) {
        TierCatalog catalog = settings.tierCatalog();
        this.info = new PlatformView(settings.platformName(), settings.platformDomain(),
                settings.defaultInvitationTier(),
                catalog.tiers().stream().map(tier -> new PlatformView.Tier(tier, catalog.defaultsOf(tier))).toList(),
                List.of(PlatformPermission.values()), settings.featureFlags().keys(),
                settings.locales().stream().map(LocaleTag::value).toList());
    }

    @Override
    public PlatformView info() {
        return info;
    }
}
