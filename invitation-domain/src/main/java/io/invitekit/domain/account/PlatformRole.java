package io.invitekit.domain.account;

/** A user's standing on the platform itself, apart from any tenant. */
public enum PlatformRole {
    NONE,
    PLATFORM_ADMIN
}
