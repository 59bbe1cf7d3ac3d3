package io.invitekit.example.hostapp;

class EmbeddedFlowsPostgresTest extends EmbeddedFlows {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.POSTGRES;
    }
}
