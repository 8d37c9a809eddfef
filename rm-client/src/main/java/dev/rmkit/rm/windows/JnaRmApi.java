package dev.rmkit.rm.windows;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.windows.jna.RM_PROCESS_INFO;
import dev.rmkit.rm.windows.jna.RM_UNIQUE_PROCESS;
import dev.rmkit.rm.windows.jna.Rstrtmgr;
import java.lang.ref.Reference;
import java.util.List;
import java.util.function.IntConsumer;

/** {@link RmApi} over {@code Rstrtmgr.dll}. Only runs on Windows; the DLL loads on the first call. */
final class JnaRmApi implements RmApi {

    private static Rstrtmgr lib() {
        return Rstrtmgr.instance();
    }

    @Override
    public int startSession(int[] handle, char[] key) {
        IntByReference h = new IntByReference();
        int rc = lib().RmStartSession(h, 0, key);
        handle[0] = h.getValue();
        return rc;
    }

    @Override
    public int joinSession(int[] handle, char[] key) {
        IntByReference h = new IntByReference();
        int rc = lib().RmJoinSession(h, key);
        handle[0] = h.getValue();
        return rc;
    }

    @Override
    public int endSession(int handle) {
        return lib().RmEndSession(handle);
    }

    @Override
    public int registerResources(int handle, List<String> files, List<ProcessId> processes, List<String> services) {
        RM_UNIQUE_PROCESS[] apps = null;
        if (!processes.isEmpty()) {
            apps = (RM_UNIQUE_PROCESS[]) new RM_UNIQUE_PROCESS().toArray(processes.size());
            for (int i = 0; i < apps.length; i++) {
                fill(apps[i], processes.get(i));
            }
        }
        return lib().RmRegisterResources(handle, files.size(), files.isEmpty() ? null : files.toArray(String[]::new),
                processes.size(), apps, services.size(), services.isEmpty() ? null : services.toArray(String[]::new));
    }

    @Override
    public int getList(int handle, int capacity, int[] needed, List<RmProcessInfo> apps, int[] rebootReasons) {
        IntByReference pNeeded = new IntByReference();
        IntByReference pCount = new IntByReference(capacity);
        IntByReference pReasons = new IntByReference();
        RM_PROCESS_INFO[] buffer = capacity > 0 ? (RM_PROCESS_INFO[]) new RM_PROCESS_INFO().toArray(capacity) : null;
        int rc = lib().RmGetList(handle, pNeeded, pCount, buffer, pReasons);
        needed[0] = pNeeded.getValue();
        rebootReasons[0] = pReasons.getValue();
        if (rc == Win32Errors.ERROR_SUCCESS && buffer != null) {
            for (int i = 0; i < Math.min(pCount.getValue(), buffer.length); i++) {
                buffer[i].read();
                apps.add(ProcessInfos.fromStruct(buffer[i]));
            }
        }
        return rc;
    }

    @Override
    public int shutdown(int handle, int flags, IntConsumer progress) {
        ProgressCallback callback = new ProgressCallback(progress);
        try {
            return lib().RmShutdown(handle, flags, callback);
        } finally {
            Reference.reachabilityFence(callback);
        }
    }

    @Override
    public int restart(int handle, IntConsumer progress) {
        ProgressCallback callback = new ProgressCallback(progress);
        try {
            return lib().RmRestart(handle, 0, callback);
        } finally {
            Reference.reachabilityFence(callback);
        }
    }

    @Override
    public int cancelCurrentTask(int handle) {
        return lib().RmCancelCurrentTask(handle);
    }

    @Override
    public int addFilter(int handle, FilterTarget target, int action) {
        if (target instanceof FilterTarget.File f) {
            return lib().RmAddFilter(handle, f.path().toString(), null, null, action);
        }
        if (target instanceof FilterTarget.Process p) {
            return lib().RmAddFilter(handle, null, unique(p.process()), null, action);
        }
        return lib().RmAddFilter(handle, null, null, ((FilterTarget.Service) target).name(), action);
    }

    @Override
    public int removeFilter(int handle, FilterTarget target) {
        if (target instanceof FilterTarget.File f) {
            return lib().RmRemoveFilter(handle, f.path().toString(), null, null);
        }
        if (target instanceof FilterTarget.Process p) {
            return lib().RmRemoveFilter(handle, null, unique(p.process()), null);
        }
        return lib().RmRemoveFilter(handle, null, null, ((FilterTarget.Service) target).name());
    }

    @Override
    public int getFilterList(int handle, int capacity, int[] needed, List<Filter> filters) {
        Memory buffer = null;
        if (capacity > 0) {
            buffer = new Memory(capacity);
            buffer.clear(); // malloc'd: never decode what RM did not write
        }
        IntByReference pNeeded = new IntByReference();
        int rc = lib().RmGetFilterList(handle, buffer, capacity, pNeeded);
        needed[0] = pNeeded.getValue();
        if (rc == Win32Errors.ERROR_SUCCESS && buffer != null) {
            // Only the bytes RM says the list takes, never the rest of the buffer.
            filters.addAll(FilterListDecoder.decode(buffer, capacity, pNeeded.getValue()));
        }
        return rc;
    }

    private static RM_UNIQUE_PROCESS unique(ProcessId id) {
        RM_UNIQUE_PROCESS p = new RM_UNIQUE_PROCESS();
        fill(p, id);
        return p;
    }

    private static void fill(RM_UNIQUE_PROCESS p, ProcessId id) {
        long ft = FileTimes.toFileTime(id.startTime());
        p.dwProcessId = (int) id.pid();
        p.ProcessStartTime.dwLowDateTime = FileTimes.low(ft);
        p.ProcessStartTime.dwHighDateTime = FileTimes.high(ft);
    }
}
