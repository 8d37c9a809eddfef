package dev.rmkit.rm.linux.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rmkit.rm.EndSessionFlag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One message of the control-socket protocol, version 1 (docs/linux-protocol.md): a single JSON object
 * on one line. Requests are {@code hello}, {@code query}, {@code end}, {@code close} and
 * {@code notice} (a forced end is coming at {@code at}, because of {@code reason}); answers are
 * {@code hello}, {@code answer}, {@code done} and {@code error}. Fields a message type does not use are
 * absent.
 */
public record ControlMessage(
        @JsonProperty("v") int v,
        @JsonProperty("type") String type,
        @JsonProperty("flags") List<String> flags,
        @JsonProperty("ending") Boolean ending,
        @JsonProperty("allow") Boolean allow,
        @JsonProperty("reason") String reason,
        @JsonProperty("appId") String appId,
        @JsonProperty("pid") Long pid,
        @JsonProperty("message") String message,
        @JsonProperty("at") String at) {

    public static final int VERSION = 1;
    /** The longest line either side accepts, newline included. */
    public static final int MAX_LINE = 64 * 1024;

    public static ControlMessage hello() {
        return of("hello");
    }

    public static ControlMessage query(Set<EndSessionFlag> flags) {
        return new ControlMessage(VERSION, "query", names(flags), null, null, null, null, null, null, null);
    }

    public static ControlMessage end(boolean ending, Set<EndSessionFlag> flags) {
        return new ControlMessage(VERSION, "end", names(flags), ending, null, null, null, null, null, null);
    }

    public static ControlMessage close() {
        return of("close");
    }

    /** "You will be asked to end at {@code at}, because of {@code reason}" (an ISO-8601 instant). */
    public static ControlMessage notice(java.time.Instant at, String reason) {
        return new ControlMessage(VERSION, "notice", null, null, null, reason, null, null, null, at.toString());
    }

    public static ControlMessage helloAnswer(String appId, long pid) {
        return new ControlMessage(VERSION, "hello", null, null, null, null, appId, pid, null, null);
    }

    public static ControlMessage answer(boolean allow, String reason) {
        return new ControlMessage(VERSION, "answer", null, null, allow, reason, null, null, null, null);
    }

    public static ControlMessage done() {
        return of("done");
    }

    public static ControlMessage error(String message) {
        return new ControlMessage(VERSION, "error", null, null, null, null, null, null, message, null);
    }

    private static ControlMessage of(String type) {
        return new ControlMessage(VERSION, type, null, null, null, null, null, null, null, null);
    }

    /** The end-session flags; names this version does not know are ignored. */
    public Set<EndSessionFlag> endSessionFlags() {
        Set<EndSessionFlag> set = EnumSet.noneOf(EndSessionFlag.class);
        if (flags != null) {
            for (String f : flags) {
                for (EndSessionFlag e : EndSessionFlag.values()) {
                    if (wireName(e).equals(f)) {
                        set.add(e);
                    }
                }
            }
        }
        return set;
    }

    /** {@code CLOSE_APP} travels as {@code "close-app"}. */
    static String wireName(EndSessionFlag f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> names(Set<EndSessionFlag> flags) {
        return flags.stream().map(ControlMessage::wireName).toList();
    }

    /** The message as one line of UTF-8 JSON, newline included. */
    public byte[] encode() {
        try {
            return (Json.MAPPER.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + type, e);
        }
    }

    /**
     * Decodes one line (without its newline).
     *
     * @throws IOException if it is not a version-1 message with a type
     */
    public static ControlMessage decode(String line) throws IOException {
        ControlMessage m;
        try {
            m = Json.MAPPER.readValue(line, ControlMessage.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("not a JSON message: " + e.getOriginalMessage(), e);
        }
        if (m == null || m.type == null) {
            throw new IOException("message has no type");
        }
        if (m.v != VERSION) {
            throw new IOException("unsupported protocol version " + m.v + " (this side speaks " + VERSION + ")");
        }
        return m;
    }
}
