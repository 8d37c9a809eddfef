package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scripted tokens: who this process is, which processes exist, the shell, each session's user; records starts. */
final class FakeTokenApi implements TokenApi {

    static final String ALICE = "S-1-5-21-1111111111-2222222222-3333333333-1001";
    static final String BOB = "S-1-5-21-1111111111-2222222222-3333333333-1002";

    Identity self = new Identity(ALICE, false, 1);
    final Map<Long, ProcessToken> processes = new HashMap<>();
    Optional<Identity> shell = Optional.of(new Identity(ALICE, false, 1));
    final Map<Integer, Identity> sessionUsers = new HashMap<>();
    final List<String> starts = new ArrayList<>();
    long nextPid = 9000;

    @Override
    public Identity self() {
        return self;
    }

    @Override
    public Optional<ProcessToken> process(long pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    @Override
    public Optional<Identity> shell() {
        return shell;
    }

    @Override
    public Optional<Identity> sessionUser(int session) {
        return self.localSystem() ? Optional.ofNullable(sessionUsers.get(session)) : Optional.empty();
    }

    @Override
    public Started start(Route route, int session, String expectedSid, String application, String commandLine,
            String directory) throws RmException {
        starts.add(route + " session " + session + " as " + expectedSid + ": " + commandLine + " in " + directory);
        return new Started(nextPid++, 133_500_000_000_000_000L);
    }
}
