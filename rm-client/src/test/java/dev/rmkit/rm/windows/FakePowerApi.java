package dev.rmkit.rm.windows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Power requests that can be made to fail, recording which thread asked for what. */
final class FakePowerApi implements PowerApi {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    boolean powerRequestsAvailable = true;
    volatile int executionState;
    /** An open request's handle, 0 when none is open. */
    volatile long openRequest;
    /** Every request created and not yet closed: a leaked handle stays in here. */
    final Set<Long> openRequests = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextRequest = new AtomicLong(77);

    @Override
    public long createRequest(String reason) {
        calls.add("PowerCreateRequest " + reason);
        if (!powerRequestsAvailable) {
            return 0;
        }
        long h = nextRequest.getAndIncrement();
        openRequests.add(h);
        openRequest = h;
        return h;
    }

    @Override
    public boolean setRequest(long request, int type) {
        calls.add("PowerSetRequest " + type);
        return true;
    }

    @Override
    public boolean clearRequest(long request, int type) {
        calls.add("PowerClearRequest " + type);
        return true;
    }

    @Override
    public void closeRequest(long request) {
        calls.add("CloseHandle");
        openRequests.remove(request);
        openRequest = openRequests.stream().findAny().orElse(0L);
    }

    @Override
    public int setThreadExecutionState(int flags) {
        calls.add("SetThreadExecutionState 0x" + Integer.toHexString(flags) + " on " + Thread.currentThread().getName());
        int previous = executionState == 0 ? 0x80000000 : executionState;
        executionState = flags;
        return previous;
    }
}
