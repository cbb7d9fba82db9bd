// CloudWatch alarms and a dashboard over the metrics a processor emits with `metrics` on
// (namespace ChimeChannelFlow, dimension Service): the failures that leave messages PENDING or
// point at a missing permission alarm; everything else is on the dashboard.
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface ProcessorAlarmsOptions {
  /** Namespace given to the processor's `metrics` option. Default `ChimeChannelFlow`. */
  readonly namespace?: string;
  /** p99 of ProcessingLatency (event received to callback accepted) above this alarms. Default 3 seconds. */
  readonly latencyThreshold?: Duration;
  /** Where alarms go (e.g. an SNS topic action); default none. */
  readonly actions?: IAlarmAction[];
  /** Also build a CloudWatch dashboard. Default true. */
  readonly dashboard?: boolean;
}

export interface ProcessorAlarmsProps extends ProcessorAlarmsOptions {
  readonly function: IFunction;
  /** Value of the `Service` dimension: POWERTOOLS_SERVICE_NAME, else the function name. */
  readonly service: string;
  /** For alarm descriptions and the dashboard title. */
  readonly flowName: string;
}

const DEFAULT_NAMESPACE = 'ChimeChannelFlow';
const PERIOD = Duration.minutes(1);

/**
 * Alarms on CallbackFailed (a message left PENDING), CallbackForbidden (a 403 this container
 * cannot explain: likely a missing chime:ChannelFlowCallback), PolicyDecisions (the processor threw,
 * timed out or returned garbage) and p99 ProcessingLatency; and a dashboard of the decisions.
 *
 * @example
 * new ProcessorAlarms(this, 'Alarms', { function: fn, service: 'moderator', flowName: 'guard' });
 */
export class ProcessorAlarms extends Construct {
  readonly callbackFailed: Alarm;
  readonly callbackForbidden: Alarm;
  readonly processorErrors: Alarm;
  readonly latency: Alarm;
  readonly dashboard: Dashboard | undefined;

  constructor(scope: Construct, id: string, props: ProcessorAlarmsProps) {
    super(scope, id);
    const metric = (metricName: string, statistic = 'Sum') =>
      new Metric({
        namespace: props.namespace ?? DEFAULT_NAMESPACE,
        metricName,
        dimensionsMap: { Service: props.service },
        statistic,
        period: PERIOD,
      });
    const atLeastOnce = (alarmId: string, metricName: string, description: string) =>
      new Alarm(this, alarmId, {
        metric: metric(metricName),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: `${props.flowName}: ${description}`,
      });

    this.callbackFailed = atLeastOnce(
      'CallbackFailed',
      'CallbackFailed',
      'a ChannelFlowCallback failed for good: messages are still PENDING',
    );
    this.callbackForbidden = atLeastOnce(
      'CallbackForbidden',
      'CallbackForbidden',
      'a ChannelFlowCallback was refused with 403: check chime:ChannelFlowCallback on the role, or messages older than 48 hours',
    );
    this.processorErrors = atLeastOnce(
      'ProcessorErrors',
      'PolicyDecisions',
      'the processor threw, timed out or returned no decision: the onError policy answered',
    );
    const threshold = (props.latencyThreshold ?? Duration.seconds(3)).toMilliseconds();
    this.latency = new Alarm(this, 'Latency', {
      metric: metric('ProcessingLatency', 'p99'),
      threshold,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `${props.flowName}: p99 processing latency over ${threshold} ms`,
    });
    for (const alarm of [this.callbackFailed, this.callbackForbidden, this.processorErrors, this.latency])
      for (const action of props.actions ?? []) alarm.addAlarmAction(action);

    this.dashboard =
      props.dashboard === false
        ? undefined
        : new Dashboard(this, 'Dashboard', {
            widgets: [
              [new TextWidget({ markdown: `# ${props.flowName}: channel-flow processor`, width: 24, height: 1 })],
              [
                new GraphWidget({
                  title: 'Decisions',
                  left: ['Updated', 'Denied', 'Unchanged', 'PolicyDecisions'].map((name) => metric(name)),
                  width: 12,
                }),
                new GraphWidget({
                  title: 'Callback refusals and failures',
                  left: ['Duplicates', 'CallbackForbidden', 'CallbackFailed'].map((name) => metric(name)),
                  width: 12,
                }),
              ],
              [
                new GraphWidget({
                  title: 'Processing latency (ms)',
                  left: ['p50', 'p99', 'Maximum'].map((statistic) => metric('ProcessingLatency', statistic)),
                  leftAnnotations: [{ value: threshold, label: 'alarm' }],
                  width: 12,
                }),
                new GraphWidget({
                  title: 'Lambda',
                  left: [
                    props.function.metricInvocations({ period: PERIOD }),
                    props.function.metricErrors({ period: PERIOD }),
                  ],
                  right: [props.function.metricThrottles({ period: PERIOD })],
                  width: 12,
                }),
              ],
            ],
          });
  }
}
