package dev.lakepipe.cdk;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Where the workloads run: a VPC the app creates, or existing private subnets. */
public sealed interface NetworkConfig {

    /** A new VPC with two private subnets and the VPC endpoints the pipeline needs. */
    record CreateNetwork(String cidr) implements NetworkConfig {
        public CreateNetwork {
            requireNonNull(cidr, "cidr is null");
        }
    }

    /** Existing VPC and private subnets; the S3 endpoint is the one the bucket policies allow. */
    record ExistingNetwork(String vpcId, List<String> subnetIds, String s3VpcEndpointId) implements NetworkConfig {
        public ExistingNetwork {
            requireNonNull(vpcId, "vpcId is null");
            subnetIds = List.copyOf(subnetIds);
            requireNonNull(s3VpcEndpointId, "s3VpcEndpointId is null");
        }
    }
}
