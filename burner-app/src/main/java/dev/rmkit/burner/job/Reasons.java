package dev.rmkit.burner.job;

/** The texts a person sees when the burner refuses to stop: the veto and the shutdown-block reason. */
public final class Reasons {

    private Reasons() {}

    /** {@code Burning session 3 of 'Photos' — 42%} */
    public static String burning(int session, String label, int percent) {
        return "Burning session " + session + " of '" + label + "' \u2014 " + percent + "%";
    }
}
