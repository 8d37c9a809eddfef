package dev.rmkit.updater.delta;

import java.util.Arrays;

/**
 * The suffix array of a byte string by Larsson and Sadakane's qsufsort (prefix doubling with
 * ternary-split refinement, as in bsdiff 4.3): O(n log n), two int arrays of n + 1 entries, so 8
 * bytes of heap per input byte, and the longest-match search bsdiff runs on it. Index 0 of the array
 * is always the empty suffix (value n); the others are the suffixes' start positions in
 * lexicographic (unsigned byte) order.
 */
final class SuffixArray {
    private final byte[] old;
    private final int[] index;
    private int[] rank;
    /** For each two-byte prefix, the first and last place in index of the suffixes starting with it (-1: none). */
    private final int[] first = new int[1 << 16];
    private final int[] last = new int[1 << 16];
    private int matchPos;

    private SuffixArray(byte[] old) {
        this.old = old;
        index = new int[old.length + 1];
        rank = new int[old.length + 1];
    }

    /** The sorted suffixes of {@code old}. The sort runs on a thread with a deep stack: it recurses. */
    static SuffixArray of(byte[] old) {
        SuffixArray s = new SuffixArray(old);
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
        s.rank = null;
        s.indexPrefixes();
        return s;
    }

    private void indexPrefixes() {
        Arrays.fill(first, -1);
        for (int i = 1; i < index.length; i++) {
            if (index[i] + 1 < old.length) {
                int key = (old[index[i]] & 0xff) << 8 | old[index[i] + 1] & 0xff;
                if (first[key] < 0) {
                    first[key] = i;
                }
                last[key] = i;
            }
        }
    }

    /**
     * The length of the longest match of {@code cur} from {@code at} among the old suffixes; its
     * position in {@link #matchPos}. A binary search, started within the suffixes that share the next
     * two bytes when there are any (every match of two bytes or more is among them).
     */
    int longestMatch(byte[] cur, int at) {
        int st = 0;
        int en = old.length;
        if (at + 1 < cur.length) {
            int key = (cur[at] & 0xff) << 8 | cur[at + 1] & 0xff;
            if (first[key] >= 0) {
                st = first[key];
                en = last[key];
            }
        }
        while (en - st >= 2) {
            int x = st + (en - st) / 2;
            int n = Math.min(old.length - index[x], cur.length - at);
            if (Arrays.compareUnsigned(old, index[x], index[x] + n, cur, at, at + n) < 0) {
                st = x;
            } else {
                en = x;
            }
        }
        int a = matchLength(index[st], cur, at);
        int b = matchLength(index[en], cur, at);
        matchPos = a > b ? index[st] : index[en];
        return Math.max(a, b);
    }

    /** The start of the suffix at place {@code i} of the sorted order (0: the empty suffix). */
    int at(int i) {
        return index[i];
    }

    /** Where in the old string the last {@link #longestMatch} starts. */
    int matchPos() {
        return matchPos;
    }

    private int matchLength(int oldPos, byte[] cur, int at) {
        int n = Math.min(old.length - oldPos, cur.length - at);
        int m = Arrays.mismatch(old, oldPos, oldPos + n, cur, at, at + n);
        return m < 0 ? n : m;
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
