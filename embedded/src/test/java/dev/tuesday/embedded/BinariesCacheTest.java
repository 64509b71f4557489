package dev.tuesday.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinariesCacheTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultCacheIsThisUsersOwnNotTheSharedTempFolder() throws Exception {
        Path bin = PostgresBinaries.bundled().bin();
        Path shared = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        assertThat(bin.startsWith(shared)).as(bin + " under " + shared).isFalse();
        Path cache = CacheFolder.defaultPath().toRealPath();
        assertThat(bin).startsWith(cache);
        assertThat(OsUser.uidOf(cache)).isEqualTo(OsUser.uid());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)))
                .isEqualTo(OsUser.isRoot() ? "rwxr-xr-x" : "rwx------");
        for (Path p = cache; p != null; p = p.getParent()) {
            assertThat(OsUser.uidOf(p)).as(p + " owner").isIn(0, OsUser.uid());
        }
    }

    @Test
    void aCacheFolderOthersCanWriteIsRefused() throws Exception {
        Path open = Files.createDirectory(opened(tmp).resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> CacheFolder.prepare(open.resolve("pg")))
                .hasMessageContaining(open.toString()).hasMessageContaining("written by other users");
        assertThat(open.resolve("pg")).doesNotExist();
    }

    @Test
    void aCacheFolderOfAnotherUserIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OsUser.isRoot(), "only root can give a folder to another user");
        opened(tmp);
        Path planted = Files.createDirectory(tmp.resolve("planted"));
        Files.setOwner(planted, planted.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThatThrownBy(() -> CacheFolder.prepare(planted.resolve("pg")))
                .hasMessageContaining(planted.toString()).hasMessageContaining("another user");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp);
        Files.setOwner(link, planted.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertThatThrownBy(() -> CacheFolder.prepare(link.resolve("pg"))).hasMessageContaining("another user");
    }

    @Test
    void binariesChangedOrAddedAfterUnpackingAreRefused() throws Exception {
        Path cache = opened(tmp).resolve("cache");
        PostgresBinaries first = PostgresBinaries.forMajor(0, cache);
        assertThat(first.bin().resolve("postgres")).isExecutable();
        assertThat(PostgresBinaries.forMajor(0, cache).bin()).isEqualTo(first.bin());

        Path lib = first.home().resolve("lib");
        Path planted = lib.resolve("planted.so");
        Files.writeString(planted, "x");
        assertThatThrownBy(() -> PostgresBinaries.forMajor(0, cache)).hasMessageContaining("lib/planted.so should not be there");
        Files.delete(planted);

        Path postgres = first.bin().resolve("postgres");
        Files.writeString(postgres, "#!/bin/sh\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> PostgresBinaries.forMajor(0, cache)).hasMessageContaining("bin/postgres was changed")
                .hasMessageContaining("delete " + first.home());
    }

    @Test
    void aFolderWithoutManifestIsRefused() throws Exception {
        Path cache = opened(tmp).resolve("cache");
        Path home = PostgresBinaries.forMajor(0, cache).home();
        Files.delete(home.resolve(Manifest.FILE));
        assertThatThrownBy(() -> PostgresBinaries.forMajor(0, cache)).hasMessageContaining("no manifest");
        assertThat(Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    /** As root the cache must be reachable by nobody, like every folder on its way. */
    private static Path opened(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
