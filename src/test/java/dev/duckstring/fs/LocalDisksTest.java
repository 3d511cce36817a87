package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file systems count as local, where a kernel lock binds every process (decision 73). */
class LocalDisksTest {
  @TempDir Path tmp;

  @Test
  void diskAndMemoryFileSystemsAreLocalAndNetworkFuseAndGuestOnesAreNot() {
    for (String t : new String[] {"ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs"}) {
      assertTrue(LocalDisks.isLocalType(t), t);
    }
    for (String t :
        new String[] {"nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "fuse", "9p", "virtiofs", ""}) {
      assertFalse(LocalDisks.isLocalType(t), t);
    }
  }

  @Test
  void aPathWhoseFileSystemCannotBeToldIsNotLocal() {
    assertFalse(LocalDisks.holds(tmp.resolve("missing")), "no file store: not local");
  }
}
