package io.invitekit.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptInvitation;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.tenant.PlatformPermission;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedding example in README.md runs, and says exactly what this test runs. */
class ReadmeExampleTest {

    @Test
    void theEmbeddingExampleWorks() {
        // README example: begin
        RecordingMailSender mail = new RecordingMailSender(); // keeps what it is asked to send
        Invitekit kit = Invitekit.builder().inMemory().mailSender(mail).build(); // every other port in memory
        kit.accounts().createFirstPlatformAdmin("root@example.org", "a long admin password");
        Actor admin = kit.accounts().authenticate(
                kit.accounts().login(LogIn.with("root@example.org", "a long admin password")).accessToken()).orElseThrow();
        kit.invitations().create(admin, NewTenantInvitation.to("owner@example.org").businessName("Bright Bakery")
                .tier(SubscriptionTier.STARTER).grant(PlatformPermission.CAN_ACCEPT_PAYMENTS));
        kit.delivery().relayOnce(); // the outbox relay hands the email to the mail sender
        String link = mail.sent(TenantInvitationMail.class).get(0).link().toString();
        AcceptResult accepted = kit.accounts().acceptInvitation(
                AcceptInvitation.token(link.split("#token=")[1]).businessName("Bright Bakery").subdomain("bright"),
                OwnerCredentials.password("the owner's password").name("Grace", "Hopper"));
        System.out.println(accepted.tenant().domain()); // bright.localhost
        // README example: end

        assertThat(accepted.tenant().domain()).isEqualTo("bright.localhost");
        assertThat(accepted.tenant().maxUsers()).isEqualTo(10);
        assertThat(link).startsWith("http://localhost:8080/tenant-onboard#token=");
    }

    @Test
    void theReadmeShowsTheExampleAsThisTestRunsIt() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- embedding example (kept equal to ReadmeExampleTest) -->");
        assertThat(start).as("README marks the embedding example").isNotNegative();
        List<String> shown = readme.subList(start + 2, readme.subList(start + 2, readme.size()).indexOf("```") + start + 2);

        List<String> source = Files.readAllLines(Path.of("src/test/java/io/invitekit/application/ReadmeExampleTest.java"));
        List<String> run = source.subList(source.indexOf("        // README example: begin") + 1,
                source.indexOf("        // README example: end"));

        assertThat(shown.stream().map(String::strip).toList()).isEqualTo(run.stream().map(String::strip).toList());
    }
}
