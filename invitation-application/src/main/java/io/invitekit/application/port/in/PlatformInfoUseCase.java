package io.invitekit.application.port.in;

/** The platform as anyone may see it; no actor: the pages read it before anybody signs in. */
public interface PlatformInfoUseCase {
    PlatformView info();
}
