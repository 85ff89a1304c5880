package dev.lakepipe.local.emr;

import java.security.SecureRandom;

/** EMR-shaped ids: {@code j-} or {@code s-} and 13 upper-case letters and digits. */
final class EmrIds {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmrIds() {}

    static String clusterId() {
        return "j-" + random(13);
    }

    static String stepId() {
        return "s-" + random(13);
    }

    private static String random(int length) {
        var id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
