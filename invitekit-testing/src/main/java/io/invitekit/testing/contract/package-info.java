/**
 * One abstract JUnit 5 suite per outbound port: what every implementation of that port must do,
 * whatever keeps its data or sends its mail. To check an implementation, extend the suite in a
 * test class and implement its factory methods (each suite's comment says what they must give);
 * JUnit then runs every test of the suite on it. Invitekit runs the same suites on its in-memory,
 * H2 and PostgreSQL adapters and on its mail senders.
 *
 * <p>The persistence suites take a whole {@link io.invitekit.application.port.out.Storage}: the
 * ports of one store work together (a transaction spans all of them; memberships and join codes
 * belong to tenants the store has). Their data comes from {@link io.invitekit.testing.fixtures}.
 */
package io.invitekit.testing.contract;
