package dev.rmkit.updater.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The audit's rules on hand-written {@code strace -f -y} logs: each ordering fault is found, a sound run passes. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "strace logs are a Linux format")
class DurabilityAuditTest {

    /** A whole run: the two ordering rules and "durable at the end". */
    private static List<String> audit(String... lines) {
        return DurabilityAudit.check("/i", SyscallTrace.parse(List.of(lines)));
    }

    /** Part of a run: only the ordering rules (what follows it may still make it durable). */
    private static List<String> ordering(String... lines) {
        return DurabilityAudit.checkOrdering("/i", SyscallTrace.parse(List.of(lines)));
    }

    @Test
    void aFileWrittenFsyncedRenamedAndItsDirectoriesFsyncedPasses() {
        assertEquals(List.of(), audit(
                "10 mkdir(\"/i/.rmkit/backup\", 0777) = 0",
                "10 openat(AT_FDCWD</>, \"/i/.rmkit\", O_RDONLY) = 4</i/.rmkit>",
                "10 fsync(4</i/.rmkit>) = 0",
                "10 openat(AT_FDCWD</>, \"/i/.rmkit/.journal.json.tmp\", O_WRONLY|O_CREAT|O_EXCL, 0666) = 5</i/.rmkit/.journal.json.tmp>",
                "10 write(5</i/.rmkit/.journal.json.tmp>, \"\"..., 100) = 100",
                "10 fsync(5</i/.rmkit/.journal.json.tmp>) = 0",
                "10 rename(\"/i/.rmkit/.journal.json.tmp\", \"/i/.rmkit/journal.json\") = 0",
                "10 fsync(4</i/.rmkit>) = 0",
                "10 write(7</tmp/elsewhere>, \"\"..., 3) = 3",
                "10 rename(\"/tmp/elsewhere\", \"/tmp/other\") = 0"));
    }

    @Test
    void aRenameBeforeTheFsyncOfTheDataIsFound() {
        List<String> v = ordering(
                "10 write(5</i/a.tmp>, \"\"..., 100) = 100",
                "10 rename(\"/i/a.tmp\", \"/i/a\") = 0");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("data before rename: /i/a.tmp was renamed to /i/a at line 2"), v.get(0));
    }

    @Test
    void aModeChangedAfterTheFsyncNeedsAnotherFsyncNotAnFdatasync() {
        List<String> v = ordering(
                "10 write(5</i/s/bin/x>, \"\"..., 100) = 100",
                "10 fsync(5</i/s/bin/x>) = 0",
                "11 fchmodat(AT_FDCWD</>, \"/i/s/bin/x\", 0755) = 0",
                "11 fdatasync(6</i/s/bin/x>) = 0",
                "11 renameat(AT_FDCWD</>, \"/i/s/bin/x\", AT_FDCWD</>, \"/i/bin/x\") = 0");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("fchmodat at line 3"), v.get(0));
    }

    @Test
    void aJournalRecordBeforeTheFsyncOfANewDirectorysParentIsFound() {
        List<String> v = ordering(
                "10 mkdirat(AT_FDCWD</>, \"/i/.rmkit/backup/t\", 0777) = 0",
                "10 rename(\"/i/lib/a\", \"/i/.rmkit/backup/t/a\") = 0",
                "10 openat(AT_FDCWD</>, \"/i/.rmkit/backup/t\", O_RDONLY) = 4</i/.rmkit/backup/t>",
                "10 fsync(4</i/.rmkit/backup/t>) = 0",
                "10 openat(AT_FDCWD</>, \"/i/lib\", O_RDONLY) = 4</i/lib>",
                "10 fsync(4</i/lib>) = 0",
                "10 write(5</i/.rmkit/.journal.json.tmp>, \"\"..., 100) = 100",
                "10 fsync(5</i/.rmkit/.journal.json.tmp>) = 0",
                "10 rename(\"/i/.rmkit/.journal.json.tmp\", \"/i/.rmkit/journal.json\") = 0");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("entries before dependents: the journal record at line 9 came before an fsync"
                + " of /i/.rmkit/backup after its mkdir /i/.rmkit/backup/t at line 1"), v.get(0));
    }

    @Test
    void aKeptReleaseRecordBeforeTheFsyncOfItsFilesIsFound() {
        List<String> v = ordering(
                "10 mkdir(\"/i/.rmkit/releases/t\", 0777) = 0",
                "10 rename(\"/i/.rmkit/backup/t\", \"/i/.rmkit/releases/t/files\") = 0",
                "10 openat(AT_FDCWD</>, \"/i/.rmkit/releases/t\", O_RDONLY) = 4</i/.rmkit/releases/t>",
                "10 fsync(4</i/.rmkit/releases/t>) = 0",
                "10 write(5</i/.rmkit/releases/t/.release.json.tmp>, \"\"..., 100) = 100",
                "10 fsync(5</i/.rmkit/releases/t/.release.json.tmp>) = 0",
                "10 rename(\"/i/.rmkit/releases/t/.release.json.tmp\", \"/i/.rmkit/releases/t/release.json\") = 0");
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("entries before dependents: the kept-release record at line 7 came before an fsync"
                + " of /i/.rmkit/releases after its mkdir /i/.rmkit/releases/t at line 1"), v.get(0));
        assertTrue(v.get(1).contains("of /i/.rmkit/backup after its rename of /i/.rmkit/backup/t at line 2"), v.get(1));
    }

    @Test
    void callsInterruptedByAnotherThreadAreJoinedAndFailedCallsIgnored() {
        List<String> v = ordering(
                "10 write(5</i/a.tmp>, \"\"..., 100 <unfinished ...>",
                "11 mkdir(\"/i/x\", 0777) = -1 EEXIST (File exists)",
                "10 <... write resumed>) = 100",
                "10 rename(\"/i/a.tmp\", \"/i/a\") = 0");
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("write at line 3"), v.get(0));
    }

    @Test
    void aRunThatEndsWithAFileCreatedButItsDirectoryNeverFsyncedIsFound() {
        List<String> v = audit(
                "10 openat(AT_FDCWD</>, \"/i/.rmkit/history.jsonl\", O_WRONLY|O_CREAT|O_EXCL|O_APPEND|O_NOFOLLOW, 0666)"
                        + " = 5</i/.rmkit/history.jsonl>",
                "10 write(5</i/.rmkit/history.jsonl>, \"\"..., 100) = 100",
                "10 fsync(5</i/.rmkit/history.jsonl>) = 0");
        assertEquals(List.of("durable at the end: /i/.rmkit was never fsync'd after its openat (O_CREAT) of"
                + " /i/.rmkit/history.jsonl at line 1"), v);
    }

    @Test
    void aRunThatEndsWithUnsyncedDataOrEntriesIsFoundAndOneThatSyncsThemPasses() {
        List<String> v = audit(
                "10 write(5</i/.rmkit/auto.json>, \"\"..., 100) = 100",
                "10 unlink(\"/i/.rmkit/auto-task.xml\") = 0");
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("durable at the end: /i/.rmkit/auto.json was never fsync'd after its write at line 1"),
                v.get(0));
        assertTrue(v.get(1).startsWith("durable at the end: /i/.rmkit was never fsync'd after its unlink"), v.get(1));

        assertEquals(List.of(), audit(
                "10 openat(AT_FDCWD</>, \"/i/.rmkit/history.jsonl\", O_WRONLY|O_CREAT|O_EXCL|O_APPEND|O_NOFOLLOW, 0666)"
                        + " = 5</i/.rmkit/history.jsonl>",
                "10 write(5</i/.rmkit/history.jsonl>, \"\"..., 100) = 100",
                "10 fsync(5</i/.rmkit/history.jsonl>) = 0",
                "10 unlink(\"/i/.rmkit/auto-task.xml\") = 0",
                "10 openat(AT_FDCWD</>, \"/i/.rmkit\", O_RDONLY) = 4</i/.rmkit>",
                "10 fsync(4</i/.rmkit>) = 0"));
    }
}
