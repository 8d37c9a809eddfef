package dev.rmkit.updater.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HistoryFeed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation end to end with the real commands: an install pinned with one key follows signed
 * roots, and none of TUF's root attacks moves it (too few old signatures, a replayed root, an older
 * root, a removed key, one compromised key of a threshold of two).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class KeyRotationTest {
    @TempDir Path tmp;
    HistoryFeed feed;
    Path k1;
    Path k2;
    Path k3;
    Cli cli;
    Path install;

    @BeforeEach
    void aFeedSignedByOneKeyAndAnInstallThatPinnedIt() {
        feed = new HistoryFeed(tmp.resolve("publisher"));
        k1 = feed.keygen("k1");
        k2 = feed.keygen("k2");
        k3 = feed.keygen("k3");
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        release("1.0.0", k1);
        Cli.Run r = cli.run("apply", "--feed", feed.dir().toString(), "--install-dir", install.toString(),
                "--trust", HistoryFeed.pub(k1).toString(), "--json");
        assertEquals(0, r.code(), r.out() + r.err());
    }

    private void release(String version, Path... keys) {
        release(version, List.of(), keys);
    }

    private void release(String version, List<String> extra, Path... keys) {
        List<String> args = new ArrayList<>(List.of("--product", "rmkit-burner"));
        for (Path k : keys) {
            args.addAll(List.of("--key", HistoryFeed.key(k).toString()));
        }
        args.addAll(extra);
        feed.publish(version, Map.of("bin/run", ("run " + version).getBytes(StandardCharsets.UTF_8)), args.toArray(String[]::new));
    }

    /** {@code trust rotate}; returns the exit code and writes tmp/NAME. */
    private int rotate(String from, String out, int threshold, List<Path> newKeys, List<Path> signers) {
        List<String> args = new ArrayList<>(List.of("trust", "rotate", "--from", from, "--out", tmp.resolve(out).toString(),
                "--threshold", String.valueOf(threshold)));
        newKeys.forEach(k -> args.addAll(List.of("--key-pub", HistoryFeed.pub(k).toString())));
        signers.forEach(k -> args.addAll(List.of("--sign", HistoryFeed.key(k).toString())));
        return Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args.toArray(String[]::new));
    }

    private Cli.Run update() {
        return cli.run("apply", "--feed", feed.dir().toString(), "--install-dir", install.toString(), "--json");
    }

    private JsonNode trust() {
        return cli.run("trust", "show", "--install-dir", install.toString(), "--json").json();
    }

    private String installed() {
        return cli.run("status", "--install-dir", install.toString(), "--json").json().get("version").asText();
    }

    /** Root 1: {@code keys} with {@code threshold}, signed by k1 (the pinned key) and every new key; published with a release. */
    private void rootOne(int threshold, Path... keys) {
        List<Path> signers = new ArrayList<>(List.of(k1));
        signers.addAll(List.of(keys));
        assertEquals(0, rotate(HistoryFeed.pub(k1).toString(), "root1.json", threshold, List.of(keys), signers));
        release("1.1.0", List.of("--root", tmp.resolve("root1.json").toString()), keys);
        Cli.Run r = update();
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(1, trust().get("version").asInt());
    }

    /** Writes a document and its signatures by {@code keys} into the feed, as an attacker holding those keys could. */
    private void forge(String relative, byte[] bytes, Path... keys) throws Exception {
        List<PrivateKey> priv = new ArrayList<>();
        for (Path k : keys) {
            priv.add(KeyFiles.readPrivate(HistoryFeed.key(k)));
        }
        Files.write(feed.dir().resolve(relative), bytes);
        Files.write(feed.dir().resolve(relative + ".sig"), SignatureSet.sign(bytes, priv).toJson());
    }

    /** The feed's top-level manifest as version 9.9.9, signed by {@code keys} only. */
    private Cli.Run applyForgedManifest(Path... keys) throws Exception {
        String m = Files.readString(feed.dir().resolve("manifest.json")).replaceFirst("\"version\" : \"[^\"]+\"",
                "\"version\" : \"9.9.9\"");
        forge("manifest.json", m.getBytes(StandardCharsets.UTF_8), keys);
        return cli.run("apply", "--manifest", feed.dir().resolve("manifest.json").toString(), "--install-dir",
                install.toString(), "--json");
    }

    private static byte[] rootDocument(long version, int threshold, Path... keys) throws Exception {
        Map<String, PublicKey> map = new LinkedHashMap<>();
        for (Path k : keys) {
            PublicKey p = KeyFiles.readPublic(HistoryFeed.pub(k));
            map.put(KeyId.of(p), p);
        }
        return RootJson.write(new Root(version, threshold, map));
    }

    @Test
    void aPinnedInstallFollowsARotationSignedByTheOldKeyAndTheNewOnes() {
        rootOne(2, k2, k3);

        assertEquals("1.1.0", installed());
        JsonNode t = trust();
        assertEquals(2, t.get("threshold").asInt());
        assertEquals(2, t.get("keys").size());
        assertTrue(Files.isRegularFile(install.resolve(".rmkit/trust/root.json")));
        release("1.2.0", k2, k3);
        assertEquals(0, update().code());
        assertEquals("1.2.0", installed());
    }

    @Test
    void aRootSignedByTooFewOldKeysIsRefused() throws Exception {
        rootOne(2, k1, k2);
        assertEquals(ExitCode.USAGE.code(), rotate(tmp.resolve("root1.json").toString(), "root2.json", 1, List.of(k3),
                List.of(k1, k3)), "trust rotate refuses to write a root clients would refuse");
        assertTrue(Files.notExists(tmp.resolve("root2.json")));

        forge("roots/2.root.json", rootDocument(2, 1, k3), k1, k3);
        Cli.Run r = update();

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("not enough signatures"), r.out());
        assertEquals(1, trust().get("version").asInt());
    }

    @Test
    void aReplayedRootIsRefused() throws Exception {
        rootOne(1, k2);
        Files.copy(feed.dir().resolve("roots/1.root.json"), feed.dir().resolve("roots/2.root.json"));
        Files.copy(feed.dir().resolve("roots/1.root.json.sig"), feed.dir().resolve("roots/2.root.json.sig"));

        Cli.Run r = update();

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("root rollback"), r.out());
        assertEquals(1, trust().get("version").asInt());
    }

    @Test
    void anInstallNeverGoesBackToAnOlderRootNorTrustsAKeyItRemoved() throws Exception {
        rootOne(1, k2);
        Files.copy(tmp.resolve("root1.json"), tmp.resolve("old-root1.json"));
        assertEquals(0, rotate(tmp.resolve("root1.json").toString(), "root2.json", 1, List.of(k3), List.of(k2, k3)));
        release("1.2.0", List.of("--root", tmp.resolve("root2.json").toString()), k3);
        assertEquals(0, update().code());
        assertEquals(2, trust().get("version").asInt());

        Cli.Run pin = cli.run("apply", "--feed", feed.dir().toString(), "--install-dir", install.toString(),
                "--trust", tmp.resolve("old-root1.json").toString(), "--json");
        assertEquals(ExitCode.REJECTED.code(), pin.code(), pin.out() + pin.err());
        // The feed rewound to root 1: the install keeps root 2.
        Files.delete(feed.dir().resolve("roots/2.root.json"));
        Files.copy(tmp.resolve("old-root1.json"), feed.dir().resolve("root.json"), StandardCopyOption.REPLACE_EXISTING);
        for (Path removed : List.of(k1, k2)) {
            Cli.Run r = applyForgedManifest(removed);
            assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
            assertTrue(r.json().get("message").asText().startsWith("unknown key"), r.out());
        }
        assertEquals(2, trust().get("version").asInt());
        assertEquals("1.2.0", installed());
    }

    @Test
    void aThresholdOfTwoSurvivesOneCompromisedKey() throws Exception {
        rootOne(2, k1, k2, k3);
        Path attacker = feed.keygen("attacker");

        Cli.Run m = applyForgedManifest(k3);
        assertEquals(ExitCode.REJECTED.code(), m.code(), m.out() + m.err());
        assertTrue(m.json().get("message").asText().startsWith("not enough signatures"), m.out());
        forge("roots/2.root.json", rootDocument(2, 1, k3, attacker), k3, attacker);
        Cli.Run r = update();
        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().startsWith("not enough signatures"), r.out());
        Files.delete(feed.dir().resolve("roots/2.root.json"));
        Files.delete(feed.dir().resolve("roots/2.root.json.sig"));

        // The publisher removes the compromised key with the two it still holds.
        assertEquals(0, rotate(tmp.resolve("root1.json").toString(), "root2.json", 2, List.of(k1, k2), List.of(k1, k2)));
        release("1.2.0", List.of("--root", tmp.resolve("root2.json").toString()), k1, k2);
        Cli.Run up = update();
        assertEquals(0, up.code(), up.out() + up.err());
        assertEquals(2, trust().get("version").asInt());
        assertEquals("1.2.0", installed());
        Cli.Run after = applyForgedManifest(k3, attacker);
        assertTrue(after.json().get("message").asText().startsWith("unknown key"), after.out());
    }
}
