/*
 * The downtime benchmark's exit watcher (bench/run compiles it with the launch marker). Usage:
 * exit-watch PID EVENTLOG READYFILE. Creates READYFILE once it is watching; waits (polling every
 * millisecond) until EVENTLOG grows past its size at the start (the app logged its "ack"), then reads
 * /proc/PID/stat every 50 microseconds until the process's state is Z (its main thread has exited:
 * what the updater waits for, rm-client's ProcFs.alive) or it is gone, and appends "gone PID T" to
 * EVENTLOG, T in microseconds since the epoch. A C loop reading one small file costs a few percent of a
 * core, so it does not slow the updater it measures; the pidfd of the whole process turns readable
 * only once every thread's teardown is done, several milliseconds later for a JVM.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int main(int argc, char **argv) {
    if (argc != 4) {
        fputs("usage: exit-watch PID EVENTLOG READYFILE\n", stderr);
        return 2;
    }
    char stat_path[64];
    snprintf(stat_path, sizeof stat_path, "/proc/%ld/stat", strtol(argv[1], NULL, 10));
    off_t start = size(argv[2]);
    int ready = open(argv[3], O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (start < 0 || ready < 0) {
        perror("exit-watch");
        return 1;
    }
    close(ready);
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
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    FILE *log = fopen(argv[2], "a");
    if (log == NULL || fprintf(log, "gone %s %lld\n", argv[1], (long long) now.tv_sec * 1000000LL + now.tv_nsec / 1000) < 0
            || fclose(log) != 0) {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
