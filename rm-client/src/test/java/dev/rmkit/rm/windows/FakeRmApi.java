package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A scripted Restart Manager: returns the codes and lists a test sets, behaves like RM where the
 * orchestration depends on it (ERROR_MORE_DATA with the needed count, a blocking RmShutdown that
 * RmCancelCurrentTask ends with ERROR_CANCELLED), and records every call in order.
 */
final class FakeRmApi implements RmApi {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<List<String>> fileBatches = new ArrayList<>();
    final List<List<ProcessId>> processBatches = new ArrayList<>();
    final List<List<String>> serviceBatches = new ArrayList<>();
    final List<Integer> getListCapacities = new ArrayList<>();
    final List<String> joinedKeys = new ArrayList<>();
    final List<Filter> filters = new ArrayList<>();

    /** What RmStartSession writes into the key buffer (possibly without NUL, like the real one). */
    char[] keyWritten = "0123456789abcdef0123456789abcdef".toCharArray();
    int startCode;
    int joinCode;
    int endCode;
    int registerCode;
    int getListError;
    int rebootReasons;
    /** Each RmGetList call takes the next scripted list, if any; the last one taken stays current. */
    final Deque<List<RmProcessInfo>> nextLists = new ArrayDeque<>();
    List<RmProcessInfo> current = List.of();

    int shutdownCode;
    int lastShutdownFlags = -1;
    int[] progressToReport = {};
    List<RmProcessInfo> listAfterShutdown;
    boolean shutdownBlocksUntilCancelled;
    final CountDownLatch shutdownEntered = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);

    int restartCode;
    List<RmProcessInfo> listAfterRestart;

    @Override
    public int startSession(int[] handle, char[] key) {
        calls.add("RmStartSession");
        assertEquals(33, key.length, "the key buffer holds CCH_RM_SESSION_KEY + 1 chars");
        for (char c : key) {
            assertEquals(0, c, "the key buffer must be zeroed");
        }
        System.arraycopy(keyWritten, 0, key, 0, Math.min(keyWritten.length, key.length));
        handle[0] = 42;
        return startCode;
    }

    @Override
    public int joinSession(int[] handle, char[] key) {
        calls.add("RmJoinSession");
        // _In_reads_(CCH_RM_SESSION_KEY + 1): RM may read all 33 characters, whatever the key's length.
        assertEquals(33, key.length, "the key buffer passed to RmJoinSession holds CCH_RM_SESSION_KEY + 1 chars");
        int end = 0;
        while (end < key.length && key[end] != 0) {
            end++;
        }
        assertTrue(end < key.length, "the key passed to RmJoinSession is NUL-terminated");
        joinedKeys.add(new String(key, 0, end));
        handle[0] = 43;
        return joinCode;
    }

    @Override
    public int endSession(int handle) {
        calls.add("RmEndSession");
        return endCode;
    }

    @Override
    public int registerResources(int handle, List<String> files, List<ProcessId> processes, List<String> services) {
        calls.add("RmRegisterResources");
        if (!files.isEmpty()) {
            fileBatches.add(files);
        }
        if (!processes.isEmpty()) {
            processBatches.add(processes);
        }
        if (!services.isEmpty()) {
            serviceBatches.add(services);
        }
        return registerCode;
    }

    @Override
    public int getList(int handle, int capacity, int[] needed, List<RmProcessInfo> apps, int[] reasons) {
        calls.add("RmGetList");
        getListCapacities.add(capacity);
        if (!nextLists.isEmpty()) {
            current = nextLists.poll();
        }
        if (getListError != 0) {
            return getListError;
        }
        needed[0] = current.size();
        reasons[0] = rebootReasons;
        if (capacity < current.size()) {
            return Win32Errors.ERROR_MORE_DATA;
        }
        apps.addAll(current);
        return 0;
    }

    @Override
    public int shutdown(int handle, int flags, IntConsumer progress) {
        calls.add("RmShutdown");
        lastShutdownFlags = flags;
        for (int p : progressToReport) {
            progress.accept(p);
        }
        if (shutdownBlocksUntilCancelled) {
            shutdownEntered.countDown();
            try {
                if (!cancelled.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("RmShutdown was never cancelled");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return Win32Errors.ERROR_CANCELLED;
        }
        if (listAfterShutdown != null) {
            current = listAfterShutdown;
        }
        return shutdownCode;
    }

    @Override
    public int restart(int handle, IntConsumer progress) {
        calls.add("RmRestart");
        if (listAfterRestart != null) {
            current = listAfterRestart;
        }
        return restartCode;
    }

    @Override
    public int cancelCurrentTask(int handle) {
        calls.add("RmCancelCurrentTask");
        cancelled.countDown();
        return 0;
    }

    @Override
    public int addFilter(int handle, FilterTarget target, int action) {
        calls.add("RmAddFilter");
        filters.add(new Filter(target, dev.rmkit.rm.FilterAction.fromNative(action)));
        return 0;
    }

    @Override
    public int removeFilter(int handle, FilterTarget target) {
        calls.add("RmRemoveFilter");
        boolean removed = filters.removeIf(f -> f.target().equals(target));
        return removed ? 0 : Win32Errors.ERROR_FILE_NOT_FOUND;
    }

    @Override
    public int getFilterList(int handle, int capacity, int[] needed, List<Filter> out) {
        calls.add("RmGetFilterList");
        needed[0] = 32 * filters.size();
        if (capacity < needed[0]) {
            return Win32Errors.ERROR_MORE_DATA;
        }
        out.addAll(filters);
        return 0;
    }

    static RmProcessInfo app(int pid, String name, int type, int status, boolean restartable) {
        return new RmProcessInfo(pid, 133_000_000_000_000_000L + pid, name, "", type, status, 1, restartable);
    }
}
