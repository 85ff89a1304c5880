package dev.lakepipe.launcher;

/** Operator notifications: the SNS topic on AWS, the outbox file here. */
public interface Notifier {

    /** Publishes one message; {@code subject} is at most 100 characters (SNS' limit). */
    void publish(String subject, String message);
}
