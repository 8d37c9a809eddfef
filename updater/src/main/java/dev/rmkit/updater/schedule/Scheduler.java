package dev.rmkit.updater.schedule;

import dev.rmkit.updater.UpdateException;

/**
 * The OS scheduler that starts {@code updater auto}: a systemd timer for root, a user timer for a
 * user, a Task Scheduler task on Windows. rmkit runs no daemon of its own.
 *
 * <p>Error policy: {@link #install} and {@link #remove} throw when nothing could be registered or
 * removed (permission, a file that is not rmkit's); a later step that failed while the registration
 * is in place (the scheduler could not be told to reload) is a warning of the result.
 */
public interface Scheduler {

    /** What kind of registration this is, for people: "systemd timer (system)". */
    String kind();

    /** Registers (or replaces) the schedule. */
    Registration install(ScheduleSpec spec) throws UpdateException;

    /** Removes the registration named {@code name}; nothing registered is not an error. */
    Registration remove(String name) throws UpdateException;

    /** What is registered under {@code name}. */
    Registration show(String name) throws UpdateException;
}
