package dev.lakepipe.local.states;

import dev.lakepipe.asl.ResourceArn;
import java.util.Set;

/** Matching Task resources to an integration. */
public final class Resources {

    private Resources() {}

    /** Whether {@code resource} is {@code arn:aws:states:::<service>:<action>} with one of the given patterns. */
    public static boolean is(String resource, String service, String action, Set<ResourceArn.Pattern> patterns) {
        ResourceArn arn = ResourceArn.parse(resource);
        return arn.service().equals(service) && arn.action().equals(action) && patterns.contains(arn.pattern());
    }
}
