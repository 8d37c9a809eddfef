package dev.rmkit.rm.windows;

/** Keeping the system awake: power requests (Windows 7+), with SetThreadExecutionState as fallback. */
interface PowerApi {

    /** PowerCreateRequest with a simple reason string; 0 if unavailable or failed. */
    long createRequest(String reason);

    boolean setRequest(long request, int type);

    boolean clearRequest(long request, int type);

    void closeRequest(long request);

    /** Returns the previous state, 0 on failure. Applies to the calling thread. */
    int setThreadExecutionState(int flags);
}
