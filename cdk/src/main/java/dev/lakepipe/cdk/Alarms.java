package dev.lakepipe.cdk;

import dev.lakepipe.metrics.MetricsPublisher;
import dev.lakepipe.metrics.TableLag;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The alarms that notify the ops topic (docs/operations.md, "Alarms"): a table's apply lag over {@code LagAlarmSeconds},
 * a failed or timed-out execution of each state machine, and the DMS task's CDC latency over
 * {@code DmsLatencyAlarmSeconds}.
 */
public final class Alarms extends Construct {
    static final Duration PERIOD = Duration.minutes(5);
    static final String DMS_NAMESPACE = "AWS/DMS";
    static final String STATES_NAMESPACE = "AWS/States";

    public Alarms(
            Construct scope,
            String id,
            DeploymentConfig config,
            ITopic topic,
            Map<String, StateMachine> stateMachines,
            Optional<Dms> dms) {
        super(scope, id);
        var action = new SnsAction(topic);
        lagAlarm(config).addAlarmAction(action);
        stateMachines.forEach(
                (name, machine) -> failedExecutionsAlarm(name, machine).addAlarmAction(action));
        dms.ifPresent(task -> {
            for (var metric : new String[] {"CDCLatencySource", "CDCLatencyTarget"}) {
                dmsLatencyAlarm(config, task, metric).addAlarmAction(action);
            }
        });
    }

    /**
     * The identifier-wide series of {@link TableLag#BEHIND_CAPTURE}: the largest of any table's. An idle source keeps it
     * at 0 (unlike freshness), and a step that publishes nothing is the failed-execution alarm's case.
     */
    private Alarm lagAlarm(DeploymentConfig config) {
        var metric = Metric.Builder.create()
                .namespace(MetricsPublisher.NAMESPACE)
                .metricName(TableLag.BEHIND_CAPTURE)
                .dimensionsMap(Map.of(TableLag.IDENTIFIER, config.configIdentifier()))
                .statistic("Maximum")
                .period(PERIOD)
                .build();
        return alarm(
                "LagAlarm",
                metric,
                config.alarms().lagSeconds(),
                1,
                TreatMissingData.NOT_BREACHING,
                "lakepipe %s: a table's newest applied change is at least %d s behind the newest captured one"
                        .formatted(config.configIdentifier(), config.alarms().lagSeconds()));
    }

    /** ExecutionsFailed plus ExecutionsTimedOut (Step Functions counts a timeout apart from a failure). */
    private Alarm failedExecutionsAlarm(String name, StateMachine machine) {
        var failed = MathExpression.Builder.create()
                .expression("FILL(failed, 0) + FILL(timedOut, 0)")
                .usingMetrics(Map.<String, IMetric>of(
                        "failed", statesMetric("ExecutionsFailed", machine),
                        "timedOut", statesMetric("ExecutionsTimedOut", machine)))
                .label("failed or timed-out executions")
                .period(PERIOD)
                .build();
        return alarm(
                StateMachineDefinition.title(name) + "FailedExecutionsAlarm",
                failed,
                1,
                1,
                TreatMissingData.NOT_BREACHING,
                "lakepipe state machine %s: an execution failed or timed out".formatted(name));
    }

    private static Metric statesMetric(String name, StateMachine machine) {
        return Metric.Builder.create()
                .namespace(STATES_NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of("StateMachineArn", machine.getStateMachineArn()))
                .statistic("Sum")
                .period(PERIOD)
                .build();
    }

    /**
     * A DMS task's metrics carry the instance and the task identifiers (both set by {@link Dms}); no data means the
     * task is not running, which breaches too.
     */
    private Alarm dmsLatencyAlarm(DeploymentConfig config, Dms dms, String metricName) {
        var metric = Metric.Builder.create()
                .namespace(DMS_NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(Map.of(
                        "ReplicationInstanceIdentifier", dms.identifier(),
                        "ReplicationTaskIdentifier", dms.identifier()))
                .statistic("Maximum")
                .period(PERIOD)
                .build();
        return alarm(
                metricName + "Alarm",
                metric,
                config.alarms().dmsLatencySeconds(),
                3,
                TreatMissingData.BREACHING,
                "lakepipe DMS task %s: %s at or above %d s for 15 minutes, or the task reports nothing (stopped)"
                        .formatted(dms.identifier(), metricName, config.alarms().dmsLatencySeconds()));
    }

    private Alarm alarm(
            String id, IMetric metric, int threshold, int periods, TreatMissingData missing, String description) {
        return Alarm.Builder.create(this, id)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(periods)
                .treatMissingData(missing)
                .alarmDescription(description)
                .build();
    }
}
