package dev.rmkit.rm.windows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Power requests that can be made to fail, recording which thread asked for what. */
final class FakePowerApi implements PowerApi {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    boolean powerRequestsAvailable = true;
    volatile int executionState;
    volatile long openRequest;

    @Override
    public long createRequest(String reason) {
        calls.add("PowerCreateRequest " + reason);
        if (!powerRequestsAvailable) {
            return 0;
        }
        openRequest = 77;
        return openRequest;
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
        openRequest = 0;
    }

    @Override
    public int setThreadExecutionState(int flags) {
        calls.add("SetThreadExecutionState 0x" + Integer.toHexString(flags) + " on " + Thread.currentThread().getName());
        int previous = executionState == 0 ? 0x80000000 : executionState;
        executionState = flags;
        return previous;
    }
}
