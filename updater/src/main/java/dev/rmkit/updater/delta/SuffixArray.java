package dev.rmkit.updater.delta;

/**
 * The suffix array of a byte string by Larsson and Sadakane's qsufsort (prefix doubling with
 * ternary-split refinement, as in bsdiff 4.3): O(n log n), two int arrays of n + 1 entries, so 8
 * bytes of heap per input byte. Index 0 of the result is always the empty suffix (value n); the
 * others are the suffixes' start positions in lexicographic (unsigned byte) order.
 */
final class SuffixArray {
    private final int[] index;
    private final int[] rank;

    private SuffixArray(int n) {
        index = new int[n + 1];
        rank = new int[n + 1];
    }

    /** The sorted suffixes of {@code old}. The sort runs on a thread with a deep stack: it recurses. */
    static int[] of(byte[] old) {
        SuffixArray s = new SuffixArray(old.length);
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                s.sort(old);
            } catch (Throwable e) { // handed to the caller below
                failure[0] = e;
            }
        }, "suffix-sort", 256L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sorting suffixes", e);
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        } else if (failure[0] instanceof Error e) {
            throw e;
        }
        return s.index;
    }

    private void sort(byte[] old) {
        int n = old.length;
        int[] buckets = new int[256];
        for (byte b : old) {
            buckets[b & 0xff]++;
        }
        for (int i = 1; i < 256; i++) {
            buckets[i] += buckets[i - 1];
        }
        for (int i = 255; i > 0; i--) {
            buckets[i] = buckets[i - 1];
        }
        buckets[0] = 0;
        for (int i = 0; i < n; i++) {
            index[++buckets[old[i] & 0xff]] = i;
        }
        index[0] = n;
        for (int i = 0; i < n; i++) {
            rank[i] = buckets[old[i] & 0xff];
        }
        rank[n] = 0;
        for (int i = 1; i < 256; i++) {
            if (buckets[i] == buckets[i - 1] + 1) {
                index[buckets[i]] = -1;
            }
        }
        index[0] = -1;
        for (int h = 1; index[0] != -(n + 1); h += h) {
            int len = 0;
            int i = 0;
            while (i < n + 1) {
                if (index[i] < 0) {
                    len -= index[i];
                    i -= index[i];
                } else {
                    if (len != 0) {
                        index[i - len] = -len;
                    }
                    len = rank[index[i]] + 1 - i;
                    split(i, len, h);
                    i += len;
                    len = 0;
                }
            }
            if (len != 0) {
                index[i - len] = -len;
            }
        }
        for (int i = 0; i < n + 1; i++) {
            index[rank[i]] = i;
        }
    }

    /** Refines the group index[start, start + len) by the rank h positions further. */
    private void split(int start, int len, int h) {
        while (true) {
            if (len < 16) {
                selectionSplit(start, len, h);
                return;
            }
            int x = rank[index[start + len / 2] + h];
            int jj = 0;
            int kk = 0;
            for (int i = start; i < start + len; i++) {
                int v = rank[index[i] + h];
                if (v < x) {
                    jj++;
                } else if (v == x) {
                    kk++;
                }
            }
            jj += start;
            kk += jj;
            int i = start;
            int j = 0;
            int k = 0;
            while (i < jj) {
                int v = rank[index[i] + h];
                if (v < x) {
                    i++;
                } else if (v == x) {
                    swap(i, jj + j++);
                } else {
                    swap(i, kk + k++);
                }
            }
            while (jj + j < kk) {
                if (rank[index[jj + j] + h] == x) {
                    j++;
                } else {
                    swap(jj + j, kk + k++);
                }
            }
            if (jj > start) {
                split(start, jj - start, h);
            }
            for (i = 0; i < kk - jj; i++) {
                rank[index[jj + i]] = kk - 1;
            }
            if (jj == kk - 1) {
                index[jj] = -1;
            }
            if (start + len <= kk) {
                return;
            }
            len = start + len - kk; // the tail call, as a loop
            start = kk;
        }
    }

    private void selectionSplit(int start, int len, int h) {
        for (int k = start, j; k < start + len; k += j) {
            j = 1;
            int x = rank[index[k] + h];
            for (int i = 1; k + i < start + len; i++) {
                int v = rank[index[k + i] + h];
                if (v < x) {
                    x = v;
                    j = 0;
                }
                if (v == x) {
                    swap(k + j, k + i);
                    j++;
                }
            }
            for (int i = 0; i < j; i++) {
                rank[index[k + i]] = k + j - 1;
            }
            if (j == 1) {
                index[k] = -1;
            }
        }
    }

    private void swap(int a, int b) {
        int t = index[a];
        index[a] = index[b];
        index[b] = t;
    }
}
