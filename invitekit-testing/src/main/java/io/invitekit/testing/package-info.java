/**
 * Test support for Invitekit's ports: {@link io.invitekit.testing.contract} holds one abstract
 * JUnit 5 suite per outbound port, which any implementation (Invitekit's own in-memory, H2 and
 * PostgreSQL adapters, or a host's) runs by extending it; {@link io.invitekit.testing.fixtures}
 * builds the domain objects those suites (and a host's tests) need.
 */
package io.invitekit.testing;
