package io.invitekit.bootstrap;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.mail.ConsoleMailSender;
import io.invitekit.adapter.ratelimit.Bucket4jRateLimiter;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.AccountAdministrationUseCase.OperatorPassword;
import io.invitekit.application.port.in.DeadEmailView;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.shared.DomainException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The admin command line in the server's jar: {@code java -jar invitekit-server.jar COMMAND}. Each
 * command reads the server's configuration (the same variables), does one thing through the
 * application's use cases, and exits. On H2 the database file is the server's alone while it runs,
 * so the commands need it stopped; on PostgreSQL they run beside running nodes.
 *
 * <p>Exit codes: 0 done; 1 refused (the message says why); 2 a configuration or usage error;
 * 3 the database is in use (H2) or cannot be reached.
 */
@Command(name = "java -jar invitekit-server.jar", mixinStandardHelpOptions = true,
        description = "Without a command: starts the server. With one: runs it against the server's database and exits.",
        subcommands = {AdminCommandLine.Admin.class, AdminCommandLine.Migrate.class, AdminCommandLine.CheckConfig.class,
                AdminCommandLine.OutboxCommands.class, AdminCommandLine.Backup.class, CommandLine.HelpCommand.class})
public final class AdminCommandLine {
    static final int REFUSED = 1;
    static final int CONFIGURATION = 2;
    static final int DATABASE = 3;
    /** H2's error code for a database file another process holds ({@code DATABASE_ALREADY_OPEN_1}). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private AdminCommandLine() {
    }

    /** Runs one command; the exit code. */
    public static int run(String[] args, Map<String, String> environment) {
        // The commands print what they did; the library's info lines would only bury it.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        CommandLine line = new CommandLine(new AdminCommandLine(), new Factory(environment));
        line.setExecutionExceptionHandler((failure, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (failure instanceof ConfigurationException bad) {
                err.println("Invitekit's configuration has errors:");
                bad.problems().forEach(problem -> err.println("  - " + problem));
                return CONFIGURATION;
            }
            if (failure instanceof DomainException refused) {
                err.println("Refused (" + refused.code().name().toLowerCase(java.util.Locale.ROOT) + "): " + refused.getMessage());
                return REFUSED;
            }
            if (failure instanceof Refusal refusal) {
                err.println(refusal.getMessage());
                return REFUSED;
            }
            if (inUse(failure)) {
                err.println("The H2 database is in use by another process: is the server running? On H2, stop the "
                        + "server first, then run this command again (on PostgreSQL the commands run beside running nodes).");
                return DATABASE;
            }
            if (failure instanceof StoreUnavailableException || failure instanceof SQLException) {
                err.println("The database cannot be reached: " + failure.getMessage());
                return DATABASE;
            }
            throw failure;
        });
        return line.execute(args);
    }

    private static boolean inUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A refusal of the command line itself (not of a use case): exit 1 with this message. */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** Gives every command the environment it reads its configuration from. */
    private record Factory(Map<String, String> environment) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (Operation.class.isAssignableFrom(type)) {
                K command = CommandLine.defaultFactory().create(type);
                ((Operation) command).environment = environment;
                return command;
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** A command that reads the server's configuration. */
    abstract static class Operation implements Callable<Integer> {
        Map<String, String> environment = Map.of();
        @Spec
        CommandSpec spec;

        Configuration configuration() {
            return Configuration.from(environment);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Migrates (as a server start does), builds the application on the database, runs {@code work}. */
        <T> T withKit(Function<Invitekit, T> work) {
            Configuration c = configuration();
            try (HikariDataSource dataSource = Databases.pool(c.databaseSettings())) {
                JdbiStorage storage = JdbiStorage.migrateAndCreate(dataSource, c.tablePrefix());
                SecureRandom random = new SecureRandom();
                Invitekit kit = Invitekit.builder()
                        .settings(c.applicationSettings())
                        .clock(Clock.systemUTC())
                        .random(random)
                        .storage(storage)
                        .mailSender(new ConsoleMailSender()) // nothing is sent from here: the servers' relays send
                        .passwordHasher(new Argon2idPasswordHasher(c.argon2(), random))
                        .rateLimiter(Bucket4jRateLimiter.inMemory())
                        .build();
                return work.apply(kit);
            }
        }

        /** One line from standard input (a password piped in), never echoed. */
        String readLine() {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new Refusal("--password-stdin: standard input gave no line");
                }
                return line;
            } catch (IOException e) {
                throw new Refusal("--password-stdin: cannot read standard input (" + e.getMessage() + ")");
            }
        }
    }

    @Command(name = "admin", description = "Accounts: reset a password, create a platform admin.",
            subcommands = {ResetPassword.class, CreateAdmin.class}, mixinStandardHelpOptions = true)
    static final class Admin {
    }

    /** An account command: an email, and a password that is generated unless read from standard input. */
    abstract static class PasswordOperation extends Operation {
        @Parameters(paramLabel = "EMAIL")
        String email;
        @Option(names = "--password-stdin", description = "read the password from standard input")
        boolean passwordFromStdin;

        /** The password from standard input, or null to have one generated. */
        String chosenPassword() {
            return passwordFromStdin ? readLine() : null;
        }

        /** Says what was done, and a generated password, the one place it ever appears. */
        Integer done(String what, OperatorPassword result) {
            out().println(what);
            if (result.generatedPassword() != null) {
                out().println("Password (shown once): " + result.generatedPassword());
            }
            return 0;
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = {"Sets the password of the account with this email and ends all its sessions.",
                    "Prints a generated one-time password, or reads one line from standard input with --password-stdin."})
    static final class ResetPassword extends PasswordOperation {
        @Override
        public Integer call() {
            String password = chosenPassword();
            OperatorPassword set = withKit(kit -> kit.accountAdministration().setPassword(email, password));
            return done("The password of " + set.email() + " is set; every session of the account has ended.", set);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates a platform admin with this email.",
                    "Prints a generated password, or reads one line from standard input with --password-stdin."})
    static final class CreateAdmin extends PasswordOperation {
        @Override
        public Integer call() {
            String password = chosenPassword();
            OperatorPassword created = withKit(kit -> kit.accountAdministration().createPlatformAdmin(email, password));
            return done("Platform admin " + created.email() + " created.", created);
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Applies the database migrations this release has and the database lacks, then exits.")
    static final class Migrate extends Operation {
        @Override
        public Integer call() {
            Configuration c = configuration();
            try (HikariDataSource dataSource = Databases.pool(c.databaseSettings())) {
                int applied = JdbiStorage.migrate(dataSource, c.tablePrefix());
                out().println(applied == 0 ? "The database is up to date: no migration to apply."
                        : "Applied " + applied + " migration" + (applied == 1 ? "" : "s") + ": the database is up to date.");
            }
            return 0;
        }
    }

    @Command(name = "check-config", mixinStandardHelpOptions = true,
            description = "Prints the effective configuration (secrets masked), or every error in it (exit code 2).")
    static final class CheckConfig extends Operation {
        @Override
        public Integer call() {
            Configuration c = configuration(); // errors: every one is named by the handler, exit 2
            c.effective().forEach((name, value) -> out().println(name + "=" + value));
            List<String> known = Configuration.names();
            environment.keySet().stream().filter(name -> name.startsWith("INVITEKIT_") && !known.contains(name))
                    .sorted().forEach(name -> out().println("warning: " + name + " is not a setting of Invitekit (a typo?)"));
            out().println("The configuration is valid.");
            return 0;
        }
    }

    @Command(name = "outbox", description = "Emails: list the dead ones, retry one.",
            subcommands = {DeadEmails.class, RetryEmail.class}, mixinStandardHelpOptions = true)
    static final class OutboxCommands {
    }

    @Command(name = "dead", mixinStandardHelpOptions = true, description = "Lists the emails the relay gave up on, newest first.")
    static final class DeadEmails extends Operation {
        @Option(names = "--limit", defaultValue = "50", description = "at most this many (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            List<DeadEmailView> dead = withKit(kit -> kit.operations().deadEmails(limit));
            if (dead.isEmpty()) {
                out().println("No dead emails.");
                return 0;
            }
            for (DeadEmailView d : dead) {
                out().println(d.id() + "  " + d.kind() + "  to " + d.recipient() + "  about " + d.aboutId() + "  queued "
                        + d.queuedAt() + "  attempts " + d.attempts() + "  last error: " + d.lastError());
            }
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = {"Sends a dead email again: an invitation's is resent with a new link (the old one stops working).",
                    "A password reset email is not retried: the user asks for a new link."})
    static final class RetryEmail extends Operation {
        @Parameters(paramLabel = "ID", description = "the id `outbox dead` shows")
        String id;

        @Override
        public Integer call() {
            InvitationView resent = withKit(kit -> kit.operations().retryDeadEmail(id));
            out().println("Invitation " + resent.id() + " to " + resent.email() + " is resent: a new email with a new "
                    + "link is queued, and a running server's relay sends it.");
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"H2: writes a consistent copy of the database into FILE (a zip; H2's BACKUP).",
                    "PostgreSQL: use pg_dump."})
    static final class Backup extends Operation {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws SQLException, IOException {
            Configuration c = configuration();
            if (c.isPostgreSql()) {
                throw new Refusal("On PostgreSQL, back up with PostgreSQL's own tools, e.g. pg_dump --format=custom "
                        + "--file=invitekit.dump DATABASE (with --schema=SCHEMA if Invitekit's tables are in one); this "
                        + "command backs up H2 databases only.");
            }
            if (c.databaseSettings().url().startsWith("jdbc:h2:mem:")) {
                throw new Refusal("The database is in memory: there is nothing on disk to back up.");
            }
            if (Files.exists(file)) {
                throw new Refusal(file + " exists already: name a new file.");
            }
            try (HikariDataSource dataSource = Databases.pool(c.databaseSettings());
                 Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("BACKUP TO '" + file.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            out().println("Backed up the H2 database to " + file.toAbsolutePath() + " (" + Files.size(file) + " bytes). "
                    + "To restore: stop the server and unzip it into the database directory, in place of the file there.");
            return 0;
        }
    }
}
