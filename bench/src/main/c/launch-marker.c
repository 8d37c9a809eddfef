/*
 * The downtime benchmark's launch marker (bench/run compiles it; BenchApp registers its restart through
 * it when it is there). Usage: launch-marker EVENTLOG PROGRAM [ARG...]. Appends "launched PID T" to
 * EVENTLOG, T in microseconds since the epoch read first thing in main, then execs PROGRAM in the same
 * process. Linked statically, it adds about 0.3 ms between the restart's exec and the mark, where bash
 * (the fallback when no C compiler is there) adds about 1.5 ms: that start-up is not the updater's.
 */
#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (argc < 3) {
        fputs("usage: launch-marker EVENTLOG PROGRAM [ARG...]\n", stderr);
        return 2;
    }
    char line[80];
    int n = snprintf(line, sizeof line, "launched %ld %lld\n", (long) getpid(),
                     (long long) now.tv_sec * 1000000LL + now.tv_nsec / 1000);
    int fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, line, (size_t) n) != n) {
        perror(argv[1]);
        return 1;
    }
    close(fd);
    execv(argv[2], argv + 2);
    perror(argv[2]);
    return 127;
}
