package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scripted shutdown calls, an in-memory registry and a schtasks recorder (with the task XML it was given), for WindowsSystemControl. */
final class FakeSystemApis implements ShutdownApi, RegistryApi, TaskScheduler {

    final List<String> calls = new ArrayList<>();
    final Map<String, Object> registry = new HashMap<>();
    final List<List<String>> schtasks = new ArrayList<>();
    final List<String> taskXml = new ArrayList<>();
    int privilege;
    int initiate;
    int exitWindows;
    int moveFile;
    int schtasksExit;
    boolean registryWritesFail;
    boolean interactive = true;
    long uptimeMillis = 3_600_000;
    int acLineStatus = 0xFF;

    @Override
    public boolean interactive() {
        return interactive;
    }

    @Override
    public int acLineStatus() {
        return acLineStatus;
    }

    @Override
    public long uptimeMillis() {
        return uptimeMillis;
    }

    @Override
    public int enableShutdownPrivilege() {
        calls.add("enableShutdownPrivilege");
        return privilege;
    }

    @Override
    public int initiateShutdown(String message, int flags, int reason) {
        calls.add("InitiateShutdownW 0x" + Integer.toHexString(flags) + " 0x" + Integer.toHexString(reason) + " " + message);
        return initiate;
    }

    @Override
    public int exitWindowsEx(int flags, int reason) {
        calls.add("ExitWindowsEx 0x" + Integer.toHexString(flags) + " 0x" + Integer.toHexString(reason));
        return exitWindows;
    }

    @Override
    public int moveFileEx(String source, Optional<String> target, int flags) {
        calls.add("MoveFileEx " + source + " -> " + target.orElse("(delete)") + " 0x" + Integer.toHexString(flags));
        return moveFile;
    }

    private static String k(Hive hive, String key, String value) {
        return hive + "\\" + key + "\\" + value;
    }

    @Override
    public Optional<byte[]> readRaw(Hive hive, String key, String value) {
        return Optional.ofNullable((byte[]) registry.get(k(hive, key, value)));
    }

    @Override
    public Optional<String> getString(Hive hive, String key, String value) {
        return Optional.ofNullable((String) registry.get(k(hive, key, value)));
    }

    @Override
    public void setString(Hive hive, String key, String value, String data) throws RmException {
        if (registryWritesFail) {
            throw new RmException("RegSetValueEx " + key, 5, "access denied");
        }
        registry.put(k(hive, key, value), data);
    }

    @Override
    public void setMultiString(Hive hive, String key, String value, byte[] raw) throws RmException {
        if (registryWritesFail) {
            throw new RmException("RegSetValueEx " + key, 5, "access denied");
        }
        registry.put(k(hive, key, value), raw.clone());
    }

    @Override
    public void deleteValue(Hive hive, String key, String value) {
        registry.remove(k(hive, key, value));
    }

    @Override
    public int run(List<String> args) throws RmException {
        schtasks.add(args);
        int xml = args.indexOf("/XML");
        if (xml >= 0) {
            try {
                byte[] b = Files.readAllBytes(Path.of(args.get(xml + 1)));
                taskXml.add(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE));
                if (b[0] != (byte) 0xFF || b[1] != (byte) 0xFE) {
                    throw new AssertionError("the task XML must start with a UTF-16LE byte order mark");
                }
            } catch (java.io.IOException e) {
                throw new RmException("schtasks", "no XML file", e);
            }
        }
        return schtasksExit;
    }
}
