package io.invitekit.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptedInvitation;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The embedding example in README.md runs, and says exactly what this test runs. */
class ReadmeExampleTest {

    /** A host's own users, as a host application would keep them. */
    static final class YourUsers {
        private final Map<UserId, UserProfile> users;

        YourUsers(UserProfile... users) {
            this.users = List.of(users).stream().collect(Collectors.toMap(UserProfile::id, Function.identity()));
        }

        Map<UserId, UserProfile> profilesOf(Collection<UserId> ids) {
            return ids.stream().filter(users::containsKey).collect(Collectors.toMap(Function.identity(), users::get));
        }
    }

    @Test
    void theEmbeddingExampleWorksWithTheHostsOwnUsersAndNoPassword() {
        UserId adminId = hostId("ada");
        UserId ownerId = hostId("grace");
        UserId friendId = hostId("linus");
        YourUsers yourUsers = new YourUsers(
                new UserProfile(adminId, EmailAddress.of("ada@example.org"), "Ada", "Admin"),
                new UserProfile(ownerId, EmailAddress.of("owner@example.org"), "Grace", "Hopper"),
                new UserProfile(friendId, EmailAddress.of("linus@example.org"), "Linus", "Friend"));

        // README example: begin
        RecordingMailSender mail = new RecordingMailSender();                 // your MailSender in production
        Invitekit kit = Invitekit.builder().inMemory().mailSender(mail)       // .storage(JdbiStorage.create(yourJdbi))
                .userDirectory(ids -> yourUsers.profilesOf(ids)).build();     // your users' names and emails
        Actor admin = Actor.platformAdmin(adminId);                           // whom your session signed in
        kit.invitations().create(admin, NewTenantInvitation.to("owner@example.org").businessName("Bright Bakery")
                .tier(SubscriptionTier.STARTER).grant(PlatformPermission.CAN_ACCEPT_PAYMENTS));
        kit.delivery().relayOnce();                                           // your scheduler calls this
        String token = mail.sent(TenantInvitationMail.class).get(0).token();  // what the email's link carries
        AcceptedInvitation bakery = kit.acceptance().accept(VerifiedUser.of(ownerId, "owner@example.org"),
                AcceptInvitation.token(token).businessName("Bright Bakery").subdomain("bright"));
        TenantView family = kit.tenants().create(Actor.user(ownerId), NewTenant.named("The Garcias"));
        String code = kit.joinCodes().view(Actor.user(ownerId), family.id()).code();
        kit.joinCodes().join(Actor.user(friendId), JoinWithCode.code(code));  // friendId is now a MEMBER
        // README example: end

        assertThat(kit.hasAccounts()).as("no Invitekit accounts, no password anywhere").isFalse();
        TenantInvitationMail sent = mail.sent(TenantInvitationMail.class).get(0);
        assertThat(sent.inviterName()).isEqualTo("Ada Admin");
        assertThat(sent.link().toString()).isEqualTo("http://localhost:8080/tenant-onboard#token=" + token);
        assertThat(bakery.tenant().domain()).isEqualTo("bright.localhost");
        assertThat(bakery.tenant().permissions()).containsExactly(PlatformPermission.CAN_ACCEPT_PAYMENTS);
        assertThat(bakery.tenant().members()).singleElement().satisfies(m -> {
            assertThat(m.user().id()).isEqualTo(ownerId);
            assertThat(m.user().firstName()).isEqualTo("Grace");
            assertThat(m.role()).isEqualTo(Role.OWNER);
        });
        assertThat(kit.tenants().get(Actor.user(friendId), family.id()).members())
                .extracting(m -> m.user().id(), TenantView.Member::role)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ownerId, Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple(friendId, Role.MEMBER));
    }

    @Test
    void theReadmeShowsTheExampleAsThisTestRunsItInFifteenLinesAtMost() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- embedding example (kept equal to ReadmeExampleTest) -->");
        assertThat(start).as("README marks the embedding example").isNotNegative();
        List<String> shown = readme.subList(start + 2, readme.subList(start + 2, readme.size()).indexOf("```") + start + 2);

        List<String> source = Files.readAllLines(Path.of("src/test/java/io/invitekit/application/ReadmeExampleTest.java"));
        List<String> run = source.subList(source.indexOf("        // README example: begin") + 1,
                source.indexOf("        // README example: end"));

        assertThat(shown.stream().map(String::strip).toList()).isEqualTo(run.stream().map(String::strip).toList());
        assertThat(shown).as("the example fits in 15 lines").hasSizeLessThanOrEqualTo(15);
    }

    private static UserId hostId(String hostUserName) {
        return new UserId(UUID.nameUUIDFromBytes(("myapp-user:" + hostUserName).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
