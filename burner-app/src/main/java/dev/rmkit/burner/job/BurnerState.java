package dev.rmkit.burner.job;

import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.Speed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything {@code burner start} needs to come back exactly where it was: its settings, the disc it
 * is tied to, the queue and the job being burned. Saved atomically on every change.
 *
 * @param disc the disc image
 * @param discId the disc the app is tied to once it has seen one (a different disc is the wrong disc)
 * @param inbox the inbox directory
 * @param media media of a disc the app creates
 * @param speed write speed
 * @param queue jobs waiting, in order
 * @param current the job being burned; after an interruption it is burned again first
 */
public record BurnerState(Path disc, Optional<UUID> discId, Path inbox, MediaType media, Speed speed, List<Job> queue,
        Optional<Job> current) {

    public BurnerState {
        Objects.requireNonNull(disc, "disc");
        Objects.requireNonNull(discId, "discId");
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(current, "current");
        queue = List.copyOf(queue);
        disc = disc.toAbsolutePath().normalize();
        inbox = inbox.toAbsolutePath().normalize();
    }

    public static BurnerState fresh(Path disc, Path inbox, MediaType media, Speed speed) {
        return new BurnerState(disc, Optional.empty(), inbox, media, speed, List.of(), Optional.empty());
    }

    /** Whether a job with {@code id} is queued or being burned. */
    public boolean knows(String id) {
        return current.map(j -> j.id().equals(id)).orElse(false) || queue.stream().anyMatch(j -> j.id().equals(id));
    }

    public BurnerState enqueue(Job job) {
        List<Job> q = new ArrayList<>(queue);
        q.add(job);
        return new BurnerState(disc, discId, inbox, media, speed, q, current);
    }

    /** Moves the queue's head to {@code current}. */
    public BurnerState start() {
        if (queue.isEmpty()) {
            throw new IllegalStateException("the queue is empty");
        }
        return new BurnerState(disc, discId, inbox, media, speed, queue.subList(1, queue.size()), Optional.of(queue.get(0)));
    }

    /** The current job is finished (burned, failed or cancelled). */
    public BurnerState finish() {
        return new BurnerState(disc, discId, inbox, media, speed, queue, Optional.empty());
    }

    /** Puts an interrupted current job back at the head of the queue. */
    public BurnerState requeue() {
        if (current.isEmpty()) {
            return this;
        }
        List<Job> q = new ArrayList<>();
        q.add(current.get());
        q.addAll(queue);
        return new BurnerState(disc, discId, inbox, media, speed, q, Optional.empty());
    }

    /** Drops a queued job (its file was deleted from the inbox). */
    public BurnerState drop(String id) {
        return new BurnerState(disc, discId, inbox, media, speed,
                queue.stream().filter(j -> !j.id().equals(id)).toList(), current);
    }

    public BurnerState tiedTo(UUID id) {
        return new BurnerState(disc, Optional.of(id), inbox, media, speed, queue, current);
    }

    public BurnerState withSpeed(Speed s) {
        return new BurnerState(disc, discId, inbox, media, s, queue, current);
    }

    /**
     * One line for people: the queue, an interrupted burn, the disc and the speed, as a restored app
     * reports them ("queue [photos, notes], interrupted burn of job photos, disc 2f6c…, speed 4x").
     */
    public String describe() {
        String q = queue.isEmpty() ? "queue empty"
                : "queue " + queue.stream().map(Job::id).toList() + " (" + queue.size() + (queue.size() == 1 ? " job)" : " jobs)");
        return q + current.map(j -> ", interrupted burn of job " + j.id()).orElse("")
                + ", disc " + discId.map(UUID::toString).orElse("not seen yet") + ", speed " + speed;
    }
}
