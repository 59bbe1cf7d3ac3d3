package io.invitekit.example.hostapp;

class EmbeddedFlowsH2Test extends EmbeddedFlows {
    @Override
    protected TestDatabase.Kind kind() {
        return TestDatabase.Kind.H2;
    }
}
