package dev.rmkit.updater.manifest;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Release versions: dotted non-negative numbers, optionally followed by {@code -suffix}.
 *
 * <p>The rule: the numeric parts compare as numbers, left to right, a missing part counting as 0
 * ({@code 1.10 > 1.9}, {@code 1.0 == 1.0.0}). A version with a suffix comes before the same numbers
 * without one ({@code 1.1.0-beta < 1.1.0}). Two suffixes compare as SemVer 2.0 pre-release
 * identifiers: dot-separated, numeric identifiers as numbers and below alphanumeric ones, otherwise
 * ASCII order, and a shorter list of equal identifiers first ({@code -beta < -beta.2 < -beta.10 < -rc.1}).
 */
public final class Versions {
    /** The syntax the schema also enforces. */
    public static final Pattern SYNTAX =
            Pattern.compile("(0|[1-9][0-9]{0,8})(\\.(0|[1-9][0-9]{0,8})){0,7}(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?");

    /** Orders version strings by the rule above; both must be {@link #isValid valid}. */
    public static final Comparator<String> ORDER = Versions::compare;

    private Versions() {}

    public static boolean isValid(String v) {
        return v != null && v.length() <= 64 && SYNTAX.matcher(v).matches();
    }

    /** Negative, zero or positive as {@code a} is older than, the same release as, or newer than {@code b}. */
    public static int compare(String a, String b) {
        if (!isValid(a) || !isValid(b)) {
            throw new IllegalArgumentException("not a version: " + (isValid(a) ? b : a));
        }
        String[] sa = a.split("-", 2);
        String[] sb = b.split("-", 2);
        int c = compareNumbers(sa[0].split("\\."), sb[0].split("\\."));
        if (c != 0) {
            return c;
        }
        if (sa.length == 1 || sb.length == 1) {
            return Integer.compare(sb.length, sa.length);
        }
        return compareSuffixes(sa[1].split("\\."), sb[1].split("\\."));
    }

    private static int compareNumbers(String[] a, String[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? Long.parseLong(a[i]) : 0;
            long y = i < b.length ? Long.parseLong(b[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    private static int compareSuffixes(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean na = a[i].chars().allMatch(Character::isDigit);
            boolean nb = b[i].chars().allMatch(Character::isDigit);
            int c;
            if (na && nb) {
                c = new BigInteger(a[i]).compareTo(new BigInteger(b[i]));
            } else if (na != nb) {
                c = na ? -1 : 1;
            } else {
                c = a[i].compareTo(b[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
