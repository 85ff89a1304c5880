package dev.lakepipe.local.sns;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.asl.ResourceArn;
import dev.lakepipe.asl.TaskFailure;
import dev.lakepipe.asl.TaskIntegration;
import dev.lakepipe.asl.TaskRequest;
import dev.lakepipe.local.states.Resources;
import dev.lakepipe.local.states.SdkMetadata;
import dev.lakepipe.util.Json;
import java.util.Set;

/**
 * {@code arn:aws:states:::sns:publish} into the {@link SnsOutbox}. A {@code Message} given as JSON is
 * serialized to text, as Step Functions does; the result carries SNS' {@code MessageId} and the SDK metadata envelope.
 */
public final class SnsIntegration implements TaskIntegration {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final int MAX_SUBJECT = 99;

    private final SnsOutbox outbox;
    private final AccessLog accesses;

    public SnsIntegration(SnsOutbox outbox) {
        this(outbox, AccessLog.NONE);
    }

    /** @param accesses the state machine role's access log: each publish is an {@code sns:Publish} on its topic */
    public SnsIntegration(SnsOutbox outbox, AccessLog accesses) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.accesses = requireNonNull(accesses, "accesses is null");
    }

    @Override
    public boolean handles(String resource) {
        return Resources.is(resource, "sns", "publish", Set.of(ResourceArn.Pattern.REQUEST_RESPONSE));
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailure {
        JsonNode input = request.input();
        String topicArn = input.path("TopicArn").asText(input.path("TargetArn").asText(""));
        if (topicArn.isBlank()) {
            throw new TaskFailure(
                    "SNS.InvalidParameterException", "Invalid parameter: TopicArn or TargetArn is required");
        }
        JsonNode message = input.get("Message");
        if (message == null || message.isNull()) {
            throw new TaskFailure("SNS.InvalidParameterException", "Invalid parameter: Message is required");
        }
        String subject = input.hasNonNull("Subject") ? input.get("Subject").asText() : null;
        if (subject != null && (subject.length() > MAX_SUBJECT || subject.isBlank())) {
            throw new TaskFailure(
                    "SNS.InvalidParameterException",
                    "Invalid parameter: Subject must be 1 to " + MAX_SUBJECT + " characters, got " + subject.length());
        }
        String text = message.isTextual() ? message.asText() : message.toString();
        accesses.record("sns:Publish", topicArn);
        accesses.flush();
        String messageId = outbox.publish(topicArn, subject, text, input.path("MessageAttributes"));
        ObjectNode result = MAPPER.createObjectNode();
        result.put("MessageId", messageId);
        SdkMetadata.addTo(result);
        return result;
    }
}
