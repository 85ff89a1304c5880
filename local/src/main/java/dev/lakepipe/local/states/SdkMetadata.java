package dev.lakepipe.local.states;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** The {@code SdkHttpMetadata}/{@code SdkResponseMetadata} envelope optimized integrations add to results. */
public final class SdkMetadata {

    private SdkMetadata() {}

    public static ObjectNode addTo(ObjectNode result) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode http = result.putObject("SdkHttpMetadata");
        http.putObject("AllHttpHeaders").putArray("x-amzn-RequestId").add(requestId);
        http.putObject("HttpHeaders").put("x-amzn-RequestId", requestId);
        http.put("HttpStatusCode", 200);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return result;
    }
}
