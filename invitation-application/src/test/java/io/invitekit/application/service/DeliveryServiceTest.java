package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.invitekit.application.TestKit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.out.DeliveryResult;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.QueuedMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Collection;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import io.invitekit.application.port.out.ForwardingStorage;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.Transactions;
import org.junit.jupiter.api.Test;

class DeliveryServiceTest {
    private final TestKit t = new TestKit(s -> s.sweepBatchSize(2));
    private final Actor admin = t.admin();

    @Test
    void sendsTheInvitationWithALinkBuiltFromTheBaseUrlAndForgetsTheToken() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        String token = t.tokenOf(inv);

        RelayReport report = t.kit.delivery().relayOnce();

        assertThat(report).isEqualTo(new RelayReport(1, 1, 0, 0));
        OutgoingMail sent = t.mail.sent().get(0);
        assertThat(sent.to().value()).isEqualTo("owner@example.org");
        assertThat(sent.mail()).isInstanceOfSatisfying(TenantInvitationMail.class, mail -> {
            assertThat(mail.link()).hasToString("https://app.acme.test/tenant-onboard#token=" + token);
            assertThat(mail.platformName()).isEqualTo("Acme Cloud");
        });
        assertThat(t.storage.outbox().all()).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(OutboxMessage.Status.SENT);
            assertThat(m.secret()).isNull();
        });
        assertThat(t.kit.invitations().get(admin, inv.id()).delivery().state()).isEqualTo("SENT");
        assertThat(t.kit.delivery().relayOnce().claimed()).isZero();
    }

    @Test
    void theLinkTemplateShapesTheEmailsLink() {
        TestKit host = new TestKit(s -> s.invitationLinkTemplate("{baseUrl}/join/accept?t={token}"));
        String token = host.tokenOf(host.invite(host.admin(), "owner@example.org"));

        host.kit.delivery().relayOnce();

        assertThat(TestKit.linkOf(host.mail.sent().get(0))).isEqualTo("https://app.acme.test/join/accept?t=" + token);
        assertThat(host.kit.acceptance().preview(token).email()).as("the token in it is the invitation's")
                .isEqualTo("owner@example.org");
    }

    @Test
    void aLinkTemplateMayPointAnywhereButMustCarryTheToken() {
        TestKit elsewhere = new TestKit(s -> s.invitationLinkTemplate("https://accept.example.com/invitations/{token}"));
        String token = elsewhere.tokenOf(elsewhere.invite(elsewhere.admin(), "owner@example.org"));
        elsewhere.kit.delivery().relayOnce();
        assertThat(TestKit.linkOf(elsewhere.mail.sent().get(0))).isEqualTo("https://accept.example.com/invitations/" + token);

        assertThat(InvitekitSettings.defaults().invitationLink("abc"))
                .isEqualTo("http://localhost:8080/tenant-onboard#token=abc");
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.invitationLinkTemplate("{baseUrl}/join")));
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.invitationLinkTemplate(null)));
        // A template that makes no link would fail every invitation email at its first send: refused at start.
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.invitationLinkTemplate("{baseUrl}/join us?t={token}")));
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.invitationLinkTemplate("/join?t={token}")));
    }

    /** A member invitation email as the member service queues it, with its token as the secret. */
    private static void queueMemberInvitation(TestKit kit, String token) {
        kit.storage.outbox().enqueue(OutboxMessage.queue(new OutboxMessageId(UUID.randomUUID()),
                new MemberInvitationMail.Queued(EmailAddress.of("bea@example.org"), "Acme Cloud", "Ada Lovelace",
                        "Bob's Bakery", Role.ADMIN, kit.clock.instant().plus(Duration.ofDays(7)), 7),
                token, UUID.randomUUID().toString(), kit.clock.instant()));
    }

    @Test
    void aMemberInvitationEmailCarriesTheMemberInvitationLinkAndItsTemplateIsConfigurable() {
        queueMemberInvitation(t, "tok3n");
        assertThat(t.kit.delivery().relayOnce().sent()).isEqualTo(1);
        assertThat(t.mail.sent().get(0).mail()).isInstanceOfSatisfying(MemberInvitationMail.class, mail -> {
            assertThat(mail.link()).hasToString("https://app.acme.test/invite#token=tok3n");
            assertThat(mail.token()).isEqualTo("tok3n");
            assertThat(mail.role()).isEqualTo(Role.ADMIN);
        });
        assertThat(t.storage.outbox().all()).singleElement().satisfies(m -> assertThat(m.secret()).isNull());

        TestKit host = new TestKit(s -> s.memberInvitationLinkTemplate("https://team.example.com/accept/{token}"));
        queueMemberInvitation(host, "tok3n");
        host.kit.delivery().relayOnce();
        assertThat(((MemberInvitationMail) host.mail.sent().get(0).mail()).link())
                .hasToString("https://team.example.com/accept/tok3n");
    }

    @Test
    void aMemberInvitationLinkTemplateMustCarryTheTokenAndMakeAnAbsoluteLink() {
        assertThat(InvitekitSettings.defaults().memberInvitationLink("abc")).isEqualTo("http://localhost:8080/invite#token=abc");
        assertThat(InvitekitSettings.defaults().toBuilder().invitationLinkTemplate("{baseUrl}/x?t={token}").build()
                .memberInvitationLink("abc")).as("independent of the tenant invitation's").endsWith("/invite#token=abc");
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.memberInvitationLinkTemplate("{baseUrl}/invite")))
                .withMessageContaining("member invitation");
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.memberInvitationLinkTemplate(null)));
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.memberInvitationLinkTemplate("/invite#token={token}")))
                .withMessageContaining("member invitation link template makes no absolute URL");
        assertThatIllegalArgumentException().isThrownBy(() -> new TestKit(s -> s.memberInvitationLinkTemplate("{baseUrl}/in vite?t={token}")));
    }

    @Test
    void backsOffExponentiallyThenGivesUpAfterTenAttempts() {
        InvitationView inv = t.invite(admin, "owner@example.org");
        t.mail.setDown(true);
        Duration[] expectedWaits = {Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
                Duration.ofSeconds(240), Duration.ofSeconds(480), Duration.ofSeconds(960), Duration.ofSeconds(1920),
                Duration.ofHours(1), Duration.ofHours(1)};

        for (Duration wait : expectedWaits) {
            assertThat(t.kit.delivery().relayOnce().retrying()).isEqualTo(1);
            t.clock.advance(wait.minusSeconds(1));
            assertThat(t.kit.delivery().relayOnce().claimed()).as("not due before %s", wait).isZero();
            t.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(t.kit.delivery().relayOnce().dead()).isEqualTo(1);

        InvitationView seen = t.kit.invitations().get(admin, inv.id());
        assertThat(seen.delivery().state()).isEqualTo("DEAD");
        assertThat(seen.delivery().attempts()).isEqualTo(10);
        assertThat(t.storage.outbox().dead(10)).singleElement().satisfies(m -> assertThat(m.secret()).isNull());
        t.mail.setDown(false);
        t.clock.advance(Duration.ofDays(1));
        assertThat(t.kit.delivery().relayOnce().claimed()).isZero();
        assertThat(t.mail.sent()).isEmpty();
    }

    @Test
    void aMailServerBackInServiceGetsTheMessageExactlyOnce() {
        t.invite(admin, "owner@example.org");
        t.mail.setDown(true);
        t.kit.delivery().relayOnce();
        t.mail.setDown(false);
        t.clock.advance(Duration.ofSeconds(30));

        assertThat(t.kit.delivery().relayOnce().sent()).isEqualTo(1);
        t.clock.advance(Duration.ofHours(2));
        assertThat(t.kit.delivery().relayOnce().claimed()).isZero();
        assertThat(t.mail.sent()).hasSize(1);
    }

    @Test
    void aMessageClaimedByARelayThatDiedIsSentAfterItsLease() {
        t.invite(admin, "owner@example.org");
        assertThat(t.storage.outbox().claimDue("dead-relay", t.clock.instant(), Duration.ofMinutes(2), 10)).hasSize(1);

        assertThat(t.kit.delivery().relayOnce().claimed()).isZero();
        t.clock.advance(Duration.ofMinutes(2));
        assertThat(t.kit.delivery().relayOnce().sent()).isEqualTo(1);
        assertThat(t.storage.outbox().markSent(t.storage.outbox().all().get(0).id(), "dead-relay", t.clock.instant())).isFalse();
    }

    @Test
    void aSlowMailServerNeverMakesTwoRelaysSendOneMessage() {
        java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicReference<TestKit> kit = new java.util.concurrent.atomic.AtomicReference<>();
        TestKit slow = new TestKit(s -> s.outboxLease(Duration.ofMinutes(5)), (b, store) -> b.mailSender(mail -> {
            sent.add(mail.to().value());
            kit.get().clock.advance(Duration.ofMinutes(2)); // each send takes two minutes
        }));
        kit.set(slow);
        Actor root = slow.admin();
        for (int i = 0; i < 3; i++) {
            slow.invite(root, "o" + i + "@example.org");
        }

        RelayReport report = slow.kit.delivery().relayOnce();

        assertThat(report.claimed()).isEqualTo(3);
        assertThat(report.sent()).isEqualTo(2); // at minute 4 of 5, past half the lease: the third waits
        assertThat(slow.kit.delivery().relayOnce().claimed()).isZero(); // its lease still holds
        slow.clock.advance(Duration.ofMinutes(1));
        assertThat(slow.kit.delivery().relayOnce().sent()).isEqualTo(1);
        assertThat(sent).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aRoundSendsItsMessagesInOneBatch() {
        for (int i = 0; i < 3; i++) {
            t.invite(admin, "o" + i + "@example.org");
        }

        assertThat(t.kit.delivery().relayOnce()).isEqualTo(new RelayReport(3, 3, 0, 0));
        assertThat(t.mail.batches()).isEqualTo(1);
        assertThat(t.mail.sent(TenantInvitationMail.class)).extracting(mail -> mail.to().value())
                .containsExactlyInAnyOrder("o0@example.org", "o1@example.org", "o2@example.org");
        assertThat(t.kit.delivery().relayOnce().claimed()).isZero();
        assertThat(t.mail.batches()).as("a round with nothing to send opens no batch").isEqualTo(1);
    }

    @Test
    void eachMessageOfABatchGetsItsOwnOutcome() {
        Map<String, DeliveryResult> outcomes = Map.of(
                "taken@example.org", DeliveryResult.delivered(),
                "refused@example.org", new DeliveryResult.Refused("550 5.1.1 no such user"),
                "busy@example.org", new DeliveryResult.RetryLater("451 4.3.0 try again later"));
        List<String> batchesOpened = new ArrayList<>();
        MailSender perRecipient = new MailSender() {
            @Override
            public void send(OutgoingMail mail) {
                throw new AssertionError("the relay sends through a batch");
            }

            @Override
            public MailBatch batch() {
                batchesOpened.add("batch");
                return new MailBatch() {
                    @Override
                    public DeliveryResult send(OutgoingMail mail) {
                        return outcomes.get(mail.to().value());
                    }

                    @Override
                    public void close() {
                        batchesOpened.add("closed");
                    }
                };
            }
        };
        TestKit kit = new TestKit(s -> s, (b, store) -> b.mailSender(perRecipient));
        Actor root = kit.admin();
        InvitationView taken = kit.invite(root, "taken@example.org");
        InvitationView refused = kit.invite(root, "refused@example.org");
        InvitationView busy = kit.invite(root, "busy@example.org");

        assertThat(kit.kit.delivery().relayOnce()).isEqualTo(new RelayReport(3, 1, 1, 1));

        assertThat(batchesOpened).containsExactly("batch", "closed");
        assertThat(kit.kit.invitations().get(root, taken.id()).delivery().state()).isEqualTo("SENT");
        assertThat(kit.kit.invitations().get(root, refused.id()).delivery()).satisfies(d -> {
            assertThat(d.state()).isEqualTo("DEAD");
            assertThat(d.lastError()).isEqualTo("550 5.1.1 no such user");
        });
        assertThat(kit.kit.invitations().get(root, busy.id()).delivery()).satisfies(d -> {
            assertThat(d.state()).isEqualTo("RETRYING");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("451 4.3.0 try again later");
        });
        assertThat(kit.storage.outbox().all()).filteredOn(m -> m.status() != OutboxMessage.Status.PENDING)
                .allSatisfy(m -> assertThat(m.secret()).isNull());
    }

    @Test
    void aBatchThatGivesNoResultOrFailsToCloseStillHasEveryOutcomeRecorded() {
        MailSender careless = new MailSender() {
            @Override
            public void send(OutgoingMail mail) {
                throw new AssertionError("the relay sends through a batch");
            }

            @Override
            public MailBatch batch() {
                return new MailBatch() {
                    @Override
                    public DeliveryResult send(OutgoingMail mail) {
                        return mail.to().value().startsWith("silent") ? null : DeliveryResult.delivered();
                    }

                    @Override
                    public void close() {
                        throw new IllegalStateException("cannot close");
                    }
                };
            }
        };
        TestKit kit = new TestKit(s -> s, (b, store) -> b.mailSender(careless));
        Actor root = kit.admin();
        InvitationView silent = kit.invite(root, "silent@example.org");
        InvitationView taken = kit.invite(root, "taken@example.org");

        assertThat(kit.kit.delivery().relayOnce()).isEqualTo(new RelayReport(2, 1, 1, 0));

        assertThat(kit.kit.invitations().get(root, silent.id()).delivery()).satisfies(d -> {
            assertThat(d.state()).isEqualTo("RETRYING");
            assertThat(d.lastError()).isEqualTo("the mail sender gave no result");
        });
        assertThat(kit.kit.invitations().get(root, taken.id()).delivery().state()).isEqualTo("SENT");
    }

    /** The kit's in-memory storage, with its outbox and transactions counted. */
    private static final class Counted extends ForwardingStorage {
        final AtomicInteger claims = new AtomicInteger();
        final List<Integer> batchesMarkedSent = new CopyOnWriteArrayList<>();
        final AtomicInteger singlesMarkedSent = new AtomicInteger();
        final AtomicInteger failuresMarked = new AtomicInteger();
        final AtomicInteger transactions = new AtomicInteger();

        Counted(Storage delegate) {
            super(delegate);
        }

        @Override
        public Outbox outbox() {
            Outbox outbox = delegate().outbox();
            return (Outbox) Proxy.newProxyInstance(Outbox.class.getClassLoader(), new Class<?>[] {Outbox.class},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "claimDue" -> claims.incrementAndGet();
                            case "markSent" -> {
                                if (args[0] instanceof Collection<?> ids) {
                                    batchesMarkedSent.add(ids.size());
                                } else {
                                    singlesMarkedSent.incrementAndGet();
                                }
                            }
                            case "markFailed" -> failuresMarked.incrementAndGet();
                            default -> { }
                        }
                        try {
                            return method.invoke(outbox, args);
                        } catch (InvocationTargetException thrown) {
                            throw thrown.getCause();
                        }
                    });
        }

        @Override
        public Transactions transactions() {
            Transactions inner = delegate().transactions();
            return new Transactions() {
                @Override
                public <T> T inTransaction(Supplier<T> work) {
                    transactions.incrementAndGet();
                    return inner.inTransaction(work);
                }
            };
        }
    }

    @Test
    void aRoundClaimsOnceAndRecordsWhatWentOutInOneTransactionAndEachFailureOnItsOwn() {
        AtomicReference<Counted> counted = new AtomicReference<>();
        MailSender oneBusy = mail -> {
            if (mail.to().value().equals("busy@example.org")) {
                throw new MailDeliveryException("451 4.3.0 try again later", false, null);
            }
        };
        TestKit kit = new TestKit(s -> s, (b, store) -> {
            counted.set(new Counted(store));
            return b.storage(counted.get()).mailSender(oneBusy);
        });
        Actor root = kit.admin();
        for (String email : List.of("a@example.org", "b@example.org", "busy@example.org", "c@example.org", "d@example.org")) {
            kit.invite(root, email);
        }
        Counted c = counted.get();
        int transactionsBefore = c.transactions.get();

        assertThat(kit.kit.delivery().relayOnce()).isEqualTo(new RelayReport(5, 4, 1, 0));

        assertThat(c.claims.get()).isEqualTo(1);
        assertThat(c.batchesMarkedSent).as("the four that went out, recorded at once").containsExactly(4);
        assertThat(c.singlesMarkedSent.get()).isZero();
        assertThat(c.failuresMarked.get()).isEqualTo(1);
        assertThat(c.transactions.get() - transactionsBefore).as("one transaction for the round's SENT").isEqualTo(1);
        assertThat(kit.storage.outbox().all()).extracting(OutboxMessage::status).containsOnly(OutboxMessage.Status.SENT,
                OutboxMessage.Status.PENDING).filteredOn(status -> status == OutboxMessage.Status.SENT).hasSize(4);
        assertThat(kit.storage.auditLog().events()).filteredOn(e -> e.action().equals("tenant_invitation.sent")).hasSize(4);
    }

    @Test
    void whenEachSendTakesLongerThanTheRecordingDelayEachIsRecordedBeforeTheNextStarts() {
        AtomicReference<TestKit> kit = new AtomicReference<>();
        List<Long> sentBeforeEachSend = new CopyOnWriteArrayList<>();
        TestKit slow = new TestKit(s -> s, (b, store) -> b.mailSender(mail -> {
            sentBeforeEachSend.add(kit.get().storage.outbox().all().stream()
                    .filter(m -> m.status() == OutboxMessage.Status.SENT).count());
            kit.get().clock.advance(DeliveryService.RECORD_SENT_WITHIN); // a slow server: each send takes this long
        }));
        kit.set(slow);
        Actor root = slow.admin();
        for (int i = 0; i < 3; i++) {
            slow.invite(root, "o" + i + "@example.org");
        }

        assertThat(slow.kit.delivery().relayOnce()).isEqualTo(new RelayReport(3, 3, 0, 0));

        assertThat(sentBeforeEachSend).as("a node killed during a send would send at most that one again")
                .containsExactly(0L, 1L, 2L);
        assertThat(slow.storage.outbox().all()).extracting(OutboxMessage::status).containsOnly(OutboxMessage.Status.SENT);
    }

    @Test
    void anEmailWithdrawnAfterItWentOutButBeforeItWasRecordedIsNotRecordedSentNorToldOfAsSent() {
        InFlightResend sender = new InFlightResend();
        AtomicReference<TestKit> kitRef = new AtomicReference<>();
        TestKit kit = new TestKit(s -> s, (b, store) -> b.mailSender(sender));
        kitRef.set(kit);
        Actor root = kit.admin();
        InvitationView first = kit.invite(root, "first@example.org");
        kit.invite(root, "second@example.org");
        // While the second email is on its way, the first (already handed over, not yet recorded) is resent.
        sender.onSecond = () -> kit.kit.invitations().resend(root, first.id());
        kit.clock.advance(Duration.ofMinutes(1));

        assertThat(kit.kit.delivery().relayOnce()).isEqualTo(new RelayReport(2, 2, 0, 0));

        assertThat(kit.storage.outbox().all()).extracting(m -> m.recipient().value() + " " + m.status())
                .containsExactlyInAnyOrder("first@example.org WITHDRAWN", "second@example.org SENT",
                        "first@example.org PENDING");
        assertThat(kit.storage.auditLog().events()).filteredOn(e -> e.action().equals("tenant_invitation.sent"))
                .extracting(e -> e.details().get("email")).containsExactly("second@example.org");
    }

    /** Runs {@code onSecond} while the second email of a round is being sent. */
    private static final class InFlightResend implements MailSender {
        volatile Runnable onSecond;
        private int sends;

        @Override
        public void send(OutgoingMail mail) {
            if (++sends == 2 && onSecond != null) {
                onSecond.run();
            }
        }
    }

    @Test
    void aStoredEmailThisVersionCannotReadFailsForGoodWithItsReason() {
        OutboxMessageId id = new OutboxMessageId(UUID.randomUUID());
        t.storage.transactions().inTransaction(() -> {
            t.storage.outbox().enqueue(OutboxMessage.queue(id, new QueuedMail.Unreadable(EmailAddress.of("a@example.org"),
                    "password_reset", "there is no template for emails of kind \"password_reset\""), "secret", null,
                    t.clock.instant()));
            return null;
        });

        assertThat(t.kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 0, 0, 1));
        assertThat(t.storage.outbox().dead(10)).singleElement().satisfies(m -> {
            assertThat(m.lastError()).contains("no template for emails of kind \"password_reset\"");
            assertThat(m.secret()).isNull();
        });
        assertThat(t.mail.sent()).isEmpty();
    }

    @Test
    void theSweeperPersistsExpiryInBoundedBatchesAndFreesReservations() {
        List<InvitationView> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(t.kit.invitations().create(admin,
                    NewTenantInvitation.to("o" + i + "@example.org").expiresInDays(1).reserveSubdomain("shop-" + i)));
        }
        assertThat(t.kit.delivery().sweepExpiredOnce()).isZero();
        t.clock.advance(Duration.ofDays(1));

        assertThat(t.kit.delivery().sweepExpiredOnce()).isEqualTo(2);
        assertThat(t.kit.delivery().sweepExpiredOnce()).isEqualTo(1);
        assertThat(t.kit.delivery().sweepExpiredOnce()).isZero();
        assertThat(created).allSatisfy(inv -> assertThat(t.storage.invitations().byId(inv.id()).orElseThrow()
                .storedStatus()).isEqualTo(InvitationStatus.EXPIRED));
        t.clock.advance(Duration.ofDays(-1)); // even read as of before expiry, the reservation is gone
        assertThat(t.kit.subdomains().check("shop-0").available()).isTrue();
    }
}
