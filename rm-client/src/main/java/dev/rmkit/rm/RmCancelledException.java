package dev.rmkit.rm;

/** The operation was cancelled by {@link RestartSession#cancel()} (ERROR_CANCELLED, 1223). */
public class RmCancelledException extends RmException {
    private static final long serialVersionUID = 1L;

    public RmCancelledException(String operation, int errorCode) {
        super(operation, errorCode, "cancelled");
    }
}
