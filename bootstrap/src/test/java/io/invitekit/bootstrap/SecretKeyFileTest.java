package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {

    @Test
    void theKeyFileSitsBesideTheH2DatabaseOrInTheWorkingDirectory(@TempDir Path dir) {
        assertThat(SecretKeyFile.location(null, dir)).isEqualTo(dir.resolve("data/invitekit.secret.key"));
        assertThat(SecretKeyFile.location("jdbc:h2:file:/var/lib/ik/db;MODE=PostgreSQL", dir))
                .isEqualTo(Path.of("/var/lib/ik/db.secret.key"));
        assertThat(SecretKeyFile.location("jdbc:h2:./x/y", dir)).isEqualTo(dir.resolve("x/y.secret.key"));
        assertThat(SecretKeyFile.location("jdbc:h2:mem:test", dir)).isEqualTo(dir.resolve("invitekit.secret.key"));
        assertThat(SecretKeyFile.location("jdbc:postgresql://db/ik", dir)).isEqualTo(dir.resolve("invitekit.secret.key"));
    }

    @Test
    void anUnsetKeyIsCreatedOwnerOnlyOnceAndReadAfterwards(@TempDir Path dir) throws Exception {
        Configuration c = Configuration.from(Map.of("INVITEKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("db/ik")));
        byte[] first = SecretKeyFile.resolve(c, dir);
        Path file = dir.resolve("db/ik.secret.key");
        assertThat(first).hasSize(32);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(first);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(SecretKeyFile.resolve(c, dir)).isEqualTo(first);
    }

    @Test
    void aConfiguredKeyWinsAndNoFileIsMade(@TempDir Path dir) {
        byte[] key = new byte[32];
        key[3] = 7;
        Configuration c = Configuration.from(Map.of("INVITEKIT_SECRET_KEY", Base64.getEncoder().encodeToString(key),
                "INVITEKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("ik")));
        assertThat(SecretKeyFile.resolve(c, dir)).isEqualTo(key);
        assertThat(dir.resolve("ik.secret.key")).doesNotExist();
    }

    @Test
    void aDamagedKeyFileStopsStartUpWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ik.secret.key");
        Files.writeString(file, "c2hvcnQ=\n");
        Configuration c = Configuration.from(Map.of("INVITEKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("ik")));
        assertThatThrownBy(() -> SecretKeyFile.resolve(c, dir)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("INVITEKIT_SECRET_KEY")
                .hasMessageNotContaining("c2hvcnQ");
    }
}
