package dev.lakepipe.iam;

import java.util.Locale;

/** IAM's {@code *} (any run of characters, none included) and {@code ?} (one character) matching. */
final class Wildcards {

    private Wildcards() {}

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        var p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        var v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
