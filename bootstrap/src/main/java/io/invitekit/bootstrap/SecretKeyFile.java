package io.invitekit.bootstrap;

import io.invitekit.adapter.jdbi.DatabaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that seals secrets Invitekit reads back (webhook signing secrets) when
 * {@code INVITEKIT_SECRET_KEY} is unset: kept in a file beside the embedded H2 database (or, with
 * another database, in the working directory), created on first start readable by its owner only
 * (0600). The log says where, never the key. Nodes sharing one PostgreSQL must share one key:
 * they set {@code INVITEKIT_SECRET_KEY}.
 */
final class SecretKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyFile.class);
    static final String SUFFIX = ".secret.key";

    private SecretKeyFile() {
    }

    /** The configured key, else the key file's (created when missing). */
    static byte[] resolve(Configuration configuration, Path workingDirectory) {
        byte[] configured = configuration.secretKey();
        if (configured != null) {
            return configured;
        }
        Path file = location(configuration.dbUrl(), workingDirectory);
        if (configuration.isPostgreSql()) {
            LOG.warn("INVITEKIT_SECRET_KEY is unset: this node keeps its own key in {}; nodes sharing the database "
                    + "must share one key (set INVITEKIT_SECRET_KEY on each), or they cannot sign each other's webhooks", file);
        }
        return readOrCreate(file);
    }

    /** Beside an H2 database file ({@code ./data/invitekit} -> {@code ./data/invitekit.secret.key}); else the working directory. */
    static Path location(String dbUrl, Path workingDirectory) {
        String url = dbUrl == null ? DatabaseSettings.DEFAULT_URL : dbUrl;
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            String rest = url.substring("jdbc:h2:".length());
            int options = rest.indexOf(';');
            String path = options < 0 ? rest : rest.substring(0, options);
            if (path.startsWith("file:")) {
                path = path.substring("file:".length());
            }
            boolean elsewhere = path.startsWith("mem:") || path.startsWith("tcp:") || path.startsWith("ssl:")
                    || path.startsWith("zip:") || path.isBlank();
            if (!elsewhere) {
                if (path.startsWith("~")) {
                    path = System.getProperty("user.home") + path.substring(1);
                }
                Path database = workingDirectory.resolve(path).normalize();
                return database.resolveSibling(database.getFileName() + SUFFIX);
            }
        }
        return workingDirectory.resolve("invitekit" + SUFFIX).normalize();
    }

    static byte[] readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
                if (key == null) {
                    throw new ConfigurationException("the secret key file " + file + " does not hold the base64 of "
                            + Configuration.SECRET_KEY_BYTES + " bytes; restore it, or set INVITEKIT_SECRET_KEY");
                }
                LOG.info("the secret key that seals webhook secrets is read from {}", file);
                return key;
            }
            byte[] key = new byte[Configuration.SECRET_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            create(file, Base64.getEncoder().encodeToString(key) + "\n");
            LOG.warn("INVITEKIT_SECRET_KEY is unset: a new secret key, which seals webhook secrets, is kept in {} "
                    + "(owner-only); keep it with the database's backups", file);
            return key;
        } catch (FileAlreadyExistsException raced) {
            return readOrCreate(file); // another process created it meanwhile
        } catch (IOException failure) {
            throw new ConfigurationException("the secret key file " + file + " cannot be read or created ("
                    + failure.getClass().getSimpleName() + "); set INVITEKIT_SECRET_KEY instead");
        }
    }

    private static void create(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }

    private static byte[] decode(String text) {
        try {
            byte[] key = Base64.getDecoder().decode(text);
            return key.length == Configuration.SECRET_KEY_BYTES ? key : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
