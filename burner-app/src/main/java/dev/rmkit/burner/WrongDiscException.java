package dev.rmkit.burner;

/**
 * The disc in the recorder is not the one the job is tied to (IMAPI_E_WRONGDISC: "the multi-session
 * disc has been removed from the active recorder"). A long-running burner keeps the job queued.
 */
public final class WrongDiscException extends BurnerException {
    private static final long serialVersionUID = 1L;

    public WrongDiscException(String message) {
        super(ExitCode.DISC_REFUSED, "wrong disc: " + message);
    }
}
