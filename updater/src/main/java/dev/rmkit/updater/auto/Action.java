package dev.rmkit.updater.auto;

/** What one {@code updater auto} run does, in order of escalation (DESIGN, "Unattended mode and fleets"). */
public enum Action {
    /** Nothing is on offer: up to date, not yet offered by the rollout, or halted. */
    NOTHING,
    /** Download, verify and stage only; no app is touched, so downtime stays zero. */
    STAGE,
    /** Stage, then ask the holders to close; a refusal is a counted deferral. */
    ASK,
    /** Stage, then close the holders even if they refuse (they still get their end-session message and save). */
    FORCE,
    /** The swap waits for a boot and the policy allows a reboot now. */
    REBOOT,
    /** The swap waits for a boot and the policy does not allow a reboot now. */
    AWAIT_REBOOT
}
