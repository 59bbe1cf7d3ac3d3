package io.invitekit.adapter.beta.archfixture;

public final class Second {
    public String name() {
        return "second";
    }
}
