package dev.lakepipe.launcher;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Publishes to the ops SNS topic. */
public final class SnsNotifier implements Notifier {

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = requireNonNull(sns, "sns is null");
        this.topicArn = requireNonNull(topicArn, "topicArn is null");
    }

    @Override
    public void publish(String subject, String message) {
        try {
            sns.publish(PublishRequest.builder()
                    .topicArn(topicArn)
                    .subject(Notifications.subject(subject))
                    .message(message)
                    .build());
        } catch (SdkException e) {
            throw new LakepipeException(e, "Failed to publish '%s' to %s", subject, topicArn);
        }
    }
}
