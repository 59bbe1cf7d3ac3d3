package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.tenant.CustomLimits;
import io.invitekit.domain.tenant.FeatureFlags;
import io.invitekit.domain.tenant.Permissions;
import io.invitekit.domain.tenant.Plan;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** A {@link Plan} as the columns tenants and invitations share. */
final class PlanColumns {
    private PlanColumns() {
    }

    static String permissions(Plan plan) {
        return TextCodec.encodeNames(plan.permissions().granted().stream().map(PlanColumns::stored).toList());
    }

    /** How a permission is written in the database: its name in lower case. Never change it. */
    private static String stored(PlatformPermission permission) {
        return permission.name().toLowerCase(Locale.ROOT);
    }

    static String featureFlags(Plan plan) {
        return TextCodec.encodeNames(plan.featureFlags().enabled());
    }

    static Plan plan(String tier, Integer customMaxUsers, Integer customMaxResources, String permissions,
                     String featureFlags) {
        Set<PlatformPermission> granted = EnumSet.noneOf(PlatformPermission.class);
        for (String name : TextCodec.decodeNames(permissions)) {
            granted.add(Arrays.stream(PlatformPermission.values()).filter(p -> stored(p).equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("unknown permission stored: " + name)));
        }
        return new Plan(new SubscriptionTier(tier), new CustomLimits(customMaxUsers, customMaxResources),
                new Permissions(granted), new FeatureFlags(new LinkedHashSet<>(TextCodec.decodeNames(featureFlags))));
    }
}
