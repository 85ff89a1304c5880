package dev.lakepipe.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.constructs.Construct;

/**
 * Where the workloads run: a new VPC with two private (isolated) subnets, flow logs and VPC endpoints
 * for every service the pipeline calls, or existing subnets. Nothing here has a route to the internet.
 */
public final class Network extends Construct {
    /** Interface endpoints the EMR clusters, the launcher and DMS call. */
    static final Map<String, InterfaceVpcEndpointAwsService> INTERFACE_ENDPOINTS = Map.of(
            "SecretsManager", InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
            "Sts", InterfaceVpcEndpointAwsService.STS,
            "Glue", InterfaceVpcEndpointAwsService.GLUE,
            "Sns", InterfaceVpcEndpointAwsService.SNS,
            "StepFunctions", InterfaceVpcEndpointAwsService.STEP_FUNCTIONS,
            "Logs", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
            "Emr", InterfaceVpcEndpointAwsService.EMR,
            "LakeFormation", InterfaceVpcEndpointAwsService.LAKE_FORMATION,
            // The apply steps' PutMetricData (CloudWatch metrics; "Logs" is CloudWatch Logs, another endpoint).
            "Monitoring", InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING);
    /** EMR's v2 managed service policy acts only on subnets and security groups carrying this tag. */
    static final String EMR_MANAGED_TAG = "for-use-with-amazon-emr-managed-policies";

    private final IVpc vpc;
    private final List<ISubnet> subnets;
    private final String s3VpcEndpointId;
    private final ISecurityGroup workloadSecurityGroup;

    public Network(Construct scope, String id, NetworkConfig config, int databasePort) {
        super(scope, id);
        if (config instanceof NetworkConfig.CreateNetwork create) {
            var created = createVpc(create);
            vpc = created;
            subnets = created.getIsolatedSubnets();
            var s3 = created.addGatewayEndpoint(
                    "S3Endpoint",
                    GatewayVpcEndpointOptions.builder()
                            .service(GatewayVpcEndpointAwsService.S3)
                            .build());
            created.addGatewayEndpoint(
                    "DynamoDbEndpoint",
                    GatewayVpcEndpointOptions.builder()
                            .service(GatewayVpcEndpointAwsService.DYNAMODB)
                            .build());
            INTERFACE_ENDPOINTS.forEach((name, service) -> created.addInterfaceEndpoint(
                    name + "Endpoint",
                    InterfaceVpcEndpointOptions.builder()
                            .service(service)
                            .privateDnsEnabled(true)
                            .build()));
            s3VpcEndpointId = ((GatewayVpcEndpoint) s3).getVpcEndpointId();
        } else {
            var existing = (NetworkConfig.ExistingNetwork) config;
            vpc = Vpc.fromVpcAttributes(
                    this,
                    "Vpc",
                    VpcAttributes.builder()
                            .vpcId(existing.vpcId())
                            .availabilityZones(Fn.getAzs())
                            .privateSubnetIds(existing.subnetIds())
                            .build());
            subnets = existing.subnetIds().stream()
                    .map(subnetId -> Subnet.fromSubnetId(this, subnetId, subnetId))
                    .toList();
            s3VpcEndpointId = existing.s3VpcEndpointId();
        }
        workloadSecurityGroup = SecurityGroup.Builder.create(this, "WorkloadSecurityGroup")
                .vpc(vpc)
                .description("lakepipe launcher and DMS: egress to the AWS endpoints and the source database only")
                .allowAllOutbound(false)
                .build();
        // The subnets have no route to the internet: HTTPS reaches only the VPC endpoints (S3 through its gateway).
        workloadSecurityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to the AWS service endpoints");
        workloadSecurityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(databasePort), "PostgreSQL source database");
        Tags.of(workloadSecurityGroup).add(EMR_MANAGED_TAG, "true");
    }

    private Vpc createVpc(NetworkConfig.CreateNetwork config) {
        var created = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(config.cidr()))
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("private")
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .cidrMask(24)
                        .build()))
                .flowLogs(Map.of(
                        "RejectedTraffic",
                        FlowLogOptions.builder()
                                .trafficType(FlowLogTrafficType.REJECT)
                                .build()))
                .build();
        created.getIsolatedSubnets().forEach(subnet -> Tags.of(subnet).add(EMR_MANAGED_TAG, "true"));
        // EMR creates its managed security groups in the VPC; the v2 service policy requires the tag there too.
        // Only the VPC resource: the tag would otherwise spread to every child (route tables, endpoints).
        Tags.of(created)
                .add(
                        EMR_MANAGED_TAG,
                        "true",
                        TagProps.builder()
                                .includeResourceTypes(List.of("AWS::EC2::VPC"))
                                .build());
        return created;
    }

    public IVpc vpc() {
        return vpc;
    }

    public SubnetSelection subnetSelection() {
        return SubnetSelection.builder().subnets(subnets).build();
    }

    public List<String> subnetIds() {
        return subnets.stream().map(ISubnet::getSubnetId).toList();
    }

    /** The S3 VPC endpoint that the bucket policies require for data access. */
    public String s3VpcEndpointId() {
        return s3VpcEndpointId;
    }

    public ISecurityGroup workloadSecurityGroup() {
        return workloadSecurityGroup;
    }
}
