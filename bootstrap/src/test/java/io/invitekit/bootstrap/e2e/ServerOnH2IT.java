package io.invitekit.bootstrap.e2e;

/** The fat jar on its embedded default database. */
class ServerOnH2IT extends ServerFlows {
    @Override
    ServerProcess.Database database() {
        return ServerProcess.Database.H2;
    }
}
