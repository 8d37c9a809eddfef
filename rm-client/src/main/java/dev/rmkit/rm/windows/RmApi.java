package dev.rmkit.rm.windows;

import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The Restart Manager functions as the orchestration needs them: one method per {@code Rm*}
 * function, returning its Win32 code unchanged, with out-parameters as one-element arrays and lists.
 * {@link JnaRmApi} calls {@code Rstrtmgr.dll}; tests script a fake, so that the orchestration in
 * {@link WindowsRestartSession} runs on every OS.
 */
interface RmApi {

    /** {@code key} is the caller's zeroed buffer of CCH_RM_SESSION_KEY + 1 chars. */
    int startSession(int[] handle, char[] key);

    /** {@code key} is the zero-padded buffer of CCH_RM_SESSION_KEY + 1 chars. */
    int joinSession(int[] handle, char[] key);

    int endSession(int handle);

    int registerResources(int handle, List<String> files, List<ProcessId> processes, List<String> services);

    /**
     * One RmGetList call with room for {@code capacity} entries (0: the size query). Fills
     * {@code needed[0]} and {@code rebootReasons[0]}; on success appends the entries to {@code apps}.
     */
    int getList(int handle, int capacity, int[] needed, List<RmProcessInfo> apps, int[] rebootReasons);

    /** Blocks until RM is done; {@code progress} is called from that call's thread. */
    int shutdown(int handle, int flags, IntConsumer progress);

    int restart(int handle, IntConsumer progress);

    int cancelCurrentTask(int handle);

    int addFilter(int handle, FilterTarget target, int action);

    int removeFilter(int handle, FilterTarget target);

    /** One RmGetFilterList call with a buffer of {@code capacity} bytes; on success appends the filters. */
    int getFilterList(int handle, int capacity, int[] needed, List<Filter> filters);
}
