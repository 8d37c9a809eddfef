package dev.rmkit.burner.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rmkit.burner.disc.Capacity;
import dev.rmkit.burner.disc.DiscHeader;
import dev.rmkit.burner.disc.SessionInfo;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code burner info} shows about a disc, as text or as one JSON object. */
final class DiscReport {

    private DiscReport() {}

    static String text(String path, DiscHeader h) {
        StringBuilder b = new StringBuilder();
        b.append("disc:      ").append(path).append('\n');
        b.append("media:     ").append(h.media().displayName()).append(" (")
                .append(h.media().capacitySectors()).append(" sectors, ")
                .append(Capacity.human(h.media().capacitySectors())).append(")\n");
        b.append("disc id:   ").append(h.discId()).append('\n');
        b.append("state:     ").append(state(h)).append('\n');
        b.append("sessions:  ").append(h.sessions().size()).append('\n');
        if (!h.sessions().isEmpty()) {
            b.append(String.format(Locale.ROOT, "  %3s  %10s  %10s  %10s  %s%n", "#", "start", "blocks", "size", "label"));
            for (SessionInfo s : h.sessions()) {
                b.append(String.format(Locale.ROOT, "  %3d  %10d  %10d  %10s  %s%n", s.number(), s.start(), s.blocks(),
                        Capacity.human(s.blocks()), s.label()));
            }
        }
        b.append("used:      ").append(Capacity.human(Capacity.used(h))).append(" (").append(Capacity.used(h))
                .append(" sectors, of which ").append(Capacity.overhead(h.sessions().size()))
                .append(" session overhead)\n");
        b.append("free:      ").append(Capacity.human(Capacity.free(h))).append(" (").append(Capacity.free(h))
                .append(" sectors)\n");
        return b.toString();
    }

    static String state(DiscHeader h) {
        return h.closed() ? "closed" : h.blank() ? "blank (appendable)" : "appendable";
    }

    static String json(String path, DiscHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("disc", path);
        m.put("media", h.media().cliName());
        m.put("discId", h.discId().toString());
        m.put("closed", h.closed());
        m.put("appendable", !h.closed());
        m.put("capacitySectors", h.media().capacitySectors());
        m.put("usedSectors", Capacity.used(h));
        m.put("overheadSectors", Capacity.overhead(h.sessions().size()));
        m.put("freeSectors", Capacity.free(h));
        m.put("freeBytes", Capacity.free(h) * 2048);
        List<Map<String, Object>> sessions = h.sessions().stream().map(s -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("number", s.number());
            e.put("start", s.start());
            e.put("blocks", s.blocks());
            e.put("bytes", s.blocks() * 2048);
            e.put("label", s.label());
            e.put("jobId", s.jobId());
            e.put("burned", s.burned().toString());
            return e;
        }).toList();
        m.put("sessions", sessions);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
