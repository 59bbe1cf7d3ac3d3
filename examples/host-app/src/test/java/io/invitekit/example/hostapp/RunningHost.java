package io.invitekit.example.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The host application started on a free port of the loopback, over a test database. */
final class RunningHost implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    static final URI BASE_URL = URI.create("http://host.test");
    private static final Pattern ACCEPT_LINK = Pattern.compile("http://host\\.test/accept-invitation\\?token=(\\S+)");

    private final HostApp app;

    private RunningHost(HostApp app) {
        this.app = app;
    }

    static RunningHost on(DataSource dataSource) {
        HostApp app = HostApp.create(dataSource, HostApp.Options.defaults(BASE_URL).withPasswordCost(Passwords.Cost.FOR_TESTS),
                new Mailbox());
        return new RunningHost(app.start("127.0.0.1", 0));
    }

    HostApp app() {
        return app;
    }

    Account user(String email, String name, boolean emailVerified, boolean admin) {
        return app.accounts().register(email, name, PASSWORD, emailVerified, admin);
    }

    Browser anonymous() {
        return new Browser(URI.create("http://127.0.0.1:" + app.port()));
    }

    /** A browser logged in to the host as {@code account}. */
    Browser signedIn(Account account) {
        Browser browser = anonymous();
        assertThat(browser.logIn(account.email(), PASSWORD).status()).isEqualTo(200);
        return browser;
    }

    /** Runs the outbox relay once, as the host's scheduler does, and returns the token of the link mailed to {@code to}. */
    String deliverInvitationTo(String to) {
        assertThat(app.kit().delivery().relayOnce().sent()).as("emails handed to the host's mailbox").isEqualTo(1);
        List<Mailbox.Message> mail = app.mailbox().sentTo(to);
        assertThat(mail).hasSize(1);
        Matcher link = ACCEPT_LINK.matcher(mail.get(0).text());
        assertThat(link.find()).as("the host's acceptance link in %s", mail.get(0).text()).isTrue();
        return link.group(1);
    }

    @Override
    public void close() {
        app.close();
    }
}
