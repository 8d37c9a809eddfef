package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The RmGetList loop. Between the size query and the fetch more processes can open the files, so the
 * fetch can answer ERROR_MORE_DATA again with a larger count: retry with the new count until it
 * succeeds, within a bound so a pathological churn cannot spin forever (reference §1.6).
 */
final class AffectedList {

    /** A first guess that usually avoids the size-query round trip (Inno Setup starts at 5). */
    static final int INITIAL_CAPACITY = 8;
    static final int MAX_ROUNDS = 20;

    /** What one successful RmGetList returned. */
    record Snapshot(List<RmProcessInfo> apps, int rebootReasons) {
        Snapshot {
            apps = List.copyOf(apps);
        }
    }

    private AffectedList() {}

    static Snapshot fetch(RmApi api, int handle) throws RmException {
        int capacity = INITIAL_CAPACITY;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            int[] needed = {0};
            int[] reasons = {0};
            List<RmProcessInfo> apps = new ArrayList<>();
            int code = api.getList(handle, capacity, needed, apps, reasons);
            if (code == Win32Errors.ERROR_SUCCESS) {
                return new Snapshot(apps, reasons[0]);
            }
            if (code != Win32Errors.ERROR_MORE_DATA) {
                throw Win32Errors.exception("RmGetList", code);
            }
            capacity = Math.max(needed[0], capacity + 1);
        }
        throw new RmException("RmGetList", Win32Errors.ERROR_MORE_DATA, "the list was still growing after "
                + MAX_ROUNDS + " attempts; processes keep opening the registered files");
    }
}
