package io.invitekit.adapter.http.dto;

import io.invitekit.application.port.in.PlatformView;
import java.util.List;

/** The body of {@code GET /api/platform/info}. */
public final class PlatformPayloads {
    private PlatformPayloads() {
    }

    /** {@code max_users}/{@code max_resources} are null for unlimited. */
    public record TierResponse(String name, Integer maxUsers, Integer maxResources) {
        static TierResponse of(PlatformView.Tier tier) {
            return new TierResponse(tier.tier().name(), tier.limits().users().max(), tier.limits().resources().max());
        }
    }

    public record PlatformInfoResponse(String name, String domain, String defaultTier, List<TierResponse> tiers,
                                       List<String> permissions, List<String> featureFlags, List<String> locales) {
        public static PlatformInfoResponse of(PlatformView info) {
            return new PlatformInfoResponse(info.name(), info.domain(), info.defaultTier().name(),
                    info.tiers().stream().map(TierResponse::of).toList(),
                    info.permissions().stream().map(WireNames::permission).toList(), info.featureFlags(), info.locales());
        }
    }
}
