package dev.lakepipe.config;

import static java.util.Objects.requireNonNull;

/** An EMR instance group: {@code emr_config.master} or {@code emr_config.worker}. */
public record InstanceGroup(String instanceType, int count) {

    public InstanceGroup {
        requireNonNull(instanceType, "instanceType is null");
    }
}
