/*
 * The downtime benchmark's exit watcher (bench/run compiles it with the launch marker). Usage:
 * exit-watch PID EVENTLOG READYFILE. Creates READYFILE once it is watching, and appends "gone PID T" to
 * EVENTLOG when the process's main thread exits, T in microseconds since the epoch.
 *
 * Where the kernel lets it (root, or perf_event_paranoid low enough, and tracefs mounted), T is the kernel's
 * own timestamp of the main thread's sched_process_exit tracepoint, taken in CLOCK_MONOTONIC by a perf event
 * on that thread (and moved to the epoch by the clocks' offset at the time it is read): exact, and the watcher
 * does nothing while the updater works: it sleeps until bench/run sends it SIGUSR1 once the apply has
 * returned, and only then reads the sample, which waits in the event's ring. (Woken by the sample itself, at
 * the exit, it ran, at normal priority, on a core in the very window it measures: a runnable task on the
 * updater's core there changes where the scheduler puts the restart's launcher.) Otherwise it falls back to reading /proc/PID/stat every 50
 * microseconds, from the app's ack (EVENTLOG grows) until the state is Z or the process is gone; bench/run
 * gives it real-time priority then, but its wake-ups preempt whatever runs, the updater too, and each read
 * takes a reference to the dying process's memory (a reader that drops the last one unmaps the whole
 * process itself, milliseconds for a JVM). The first line on stderr says which way it watches.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static char state(const char *path) {
    char buf[512];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 'X';
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) {
        return 'X';
    }
    buf[n] = '\0';
    char *end = strrchr(buf, ')');
    return end != NULL && end[1] == ' ' ? end[2] : 'X';
}

static off_t size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? st.st_size : -1;
}

static long long now_us(void) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return (long long) now.tv_sec * 1000000LL + now.tv_nsec / 1000;
}

/* The id of the sched_process_exit tracepoint, or -1 where tracefs is not mounted or not readable. */
static long tracepoint_id(void) {
    const char *paths[] = {"/sys/kernel/tracing/events/sched/sched_process_exit/id",
                           "/sys/kernel/debug/tracing/events/sched/sched_process_exit/id"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        FILE *f = fopen(paths[i], "r");
        long id;
        if (f != NULL) {
            int ok = fscanf(f, "%ld", &id) == 1;
            fclose(f);
            if (ok) {
                return id;
            }
        }
    }
    return -1;
}

/*
 * Opens a perf event on the thread PID for its sched_process_exit, stamped in CLOCK_REALTIME, with a
 * one-page ring buffer; -1 if the kernel refuses (then *why says why).
 */
static int open_exit_event(long pid, void **ring, size_t *ring_len, const char **why) {
    long id = tracepoint_id();
    if (id < 0) {
        *why = "no sched_process_exit tracepoint id (tracefs not mounted?)";
        return -1;
    }
    struct perf_event_attr pe;
    memset(&pe, 0, sizeof pe);
    pe.type = PERF_TYPE_TRACEPOINT;
    pe.size = sizeof pe;
    pe.config = (uint64_t) id;
    pe.sample_period = 1;
    pe.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME;
    pe.wakeup_events = 1;
    pe.use_clockid = 1;
    pe.clockid = CLOCK_MONOTONIC; /* CLOCK_REALTIME is refused (not NMI-safe): converted below */
    int fd = (int) syscall(SYS_perf_event_open, &pe, (pid_t) pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    *ring_len = 2 * page; /* the control page and one data page */
    *ring = mmap(NULL, *ring_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (*ring == MAP_FAILED) {
        *why = strerror(errno);
        close(fd);
        return -1;
    }
    return fd;
}

/* CLOCK_REALTIME minus CLOCK_MONOTONIC, in nanoseconds, read between two monotonic reads. */
static long long realtime_offset_ns(void) {
    struct timespec m1, r, m2;
    clock_gettime(CLOCK_MONOTONIC, &m1);
    clock_gettime(CLOCK_REALTIME, &r);
    clock_gettime(CLOCK_MONOTONIC, &m2);
    long long m = ((long long) m1.tv_sec * 1000000000LL + m1.tv_nsec + (long long) m2.tv_sec * 1000000000LL + m2.tv_nsec) / 2;
    return (long long) r.tv_sec * 1000000000LL + r.tv_nsec - m;
}

/* The time of the first sample in the ring, in microseconds since the epoch; -1 if there is none. */
static long long first_sample_us(void *ring) {
    struct perf_event_mmap_page *meta = ring;
    uint64_t head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
    unsigned char *data = (unsigned char *) ring + meta->data_offset;
    uint64_t size = meta->data_size;
    for (uint64_t at = meta->data_tail; at < head;) {
        struct perf_event_header h;
        memcpy(&h, data + at % size, sizeof h);
        if (h.size == 0) {
            break;
        }
        if (h.type == PERF_RECORD_SAMPLE) {
            /* PERF_SAMPLE_TID (u32 pid, u32 tid), then PERF_SAMPLE_TIME (u64); one small record never wraps
               in a fresh ring */
            uint64_t ns;
            memcpy(&ns, data + (at + sizeof h + 8) % size, sizeof ns);
            return ((long long) ns + realtime_offset_ns()) / 1000;
        }
        at += h.size;
    }
    return -1;
}

static int log_gone(const char *log_path, const char *pid, long long t) {
    FILE *log = fopen(log_path, "a");
    if (log == NULL || fprintf(log, "gone %s %lld\n", pid, t) < 0 || fclose(log) != 0) {
        perror(log_path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fputs("usage: exit-watch PID EVENTLOG READYFILE\n", stderr);
        return 2;
    }
    long pid = strtol(argv[1], NULL, 10);
    /* Blocked before READYFILE exists, so that bench/run's SIGUSR1 (the apply has returned) never kills it;
       only the perf way waits for it. */
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    char stat_path[64];
    snprintf(stat_path, sizeof stat_path, "/proc/%ld/stat", pid);
    off_t start = size(argv[2]);
    void *ring = NULL;
    size_t ring_len = 0;
    const char *why = "";
    int ev = open_exit_event(pid, &ring, &ring_len, &why);
    if (ev >= 0) {
        struct sched_param normal = {0};
        sched_setscheduler(0, SCHED_OTHER, &normal); /* the stamp is the kernel's: no need to wake promptly */
        fputs("exit-watch: perf sched_process_exit\n", stderr);
    } else {
        fprintf(stderr, "exit-watch: polling /proc (%s)\n", why);
    }
    int ready = open(argv[3], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (start < 0 || ready < 0) {
        perror("exit-watch");
        return 1;
    }
    close(ready);
    if (ev >= 0) {
        struct timespec limit = {120, 0};
        if (sigtimedwait(&usr1, NULL, &limit) < 0) {
            fputs("exit-watch: not told in 120 s that the apply returned\n", stderr);
            return 1;
        }
        struct pollfd p = {ev, POLLIN, 0};
        for (int waited = 0; first_sample_us(ring) < 0; waited++) {
            if (waited > 120) {
                fputs("exit-watch: no exit in 120 s\n", stderr);
                return 1;
            }
            if (poll(&p, 1, 1000) > 0 && (p.revents & POLLHUP) != 0 && first_sample_us(ring) < 0) {
                fputs("exit-watch: the thread ended without a sample\n", stderr);
                return 1;
            }
        }
        return log_gone(argv[2], argv[1], first_sample_us(ring));
    }
    struct timespec ms = {0, 1000000}, fast = {0, 50000};
    for (int i = 0; size(argv[2]) == start; i++) {
        if (i > 120000) {
            fputs("exit-watch: no ack in 120 s\n", stderr);
            return 1;
        }
        nanosleep(&ms, NULL);
    }
    for (char s = state(stat_path); s != 'Z' && s != 'X'; s = state(stat_path)) {
        nanosleep(&fast, NULL);
    }
    return log_gone(argv[2], argv[1], now_us());
}
