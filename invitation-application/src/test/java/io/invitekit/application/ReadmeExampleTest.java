package io.invitekit.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.InvitationAcceptanceUseCase.AcceptCommand;
import io.invitekit.application.port.in.TenantInvitationUseCase.CreateCommand;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.account.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedding example in README.md runs, and says exactly what this test runs. */
class ReadmeExampleTest {

    @Test
    void theEmbeddingExampleWorks() {
        // README example: begin
        Invitekit kit = Invitekit.builder().inMemory().build(); // every port in memory
        kit.accounts().createFirstPlatformAdmin("root@example.org", "a long admin password");
        UserId admin = kit.accounts().authenticate(
                kit.accounts().login("root@example.org", "a long admin password").accessToken()).orElseThrow();
        kit.invitations().create(new CreateCommand(admin, "owner@example.org", "Bright Bakery", "STARTER",
                null, null, Map.of("can_accept_payments", true), null, null, null));
        kit.delivery().relayOnce(); // the outbox relay hands the email to the mail sender
        String link = ((RecordingMailSender) kit.mailSender()).sent(TenantInvitationMail.class).get(0).link().toString();
        AcceptResult accepted = kit.acceptance().accept(new AcceptCommand(link.split("#token=")[1],
                "the owner's password", "Grace", "Hopper", "Bright Bakery", "bright", null, null));
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
