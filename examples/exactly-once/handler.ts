// Counts every message once in DynamoDB, however often the channel flow delivers it (at least once).
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { channelFlowProcessor, noChange } from 'chime-channel-flow';

const logger = new Logger({ serviceName: 'exactly-once' });
const metrics = new Metrics({ namespace: 'ChimeChannelFlow', serviceName: 'exactly-once' });
const dynamodb = new DynamoDBClient({});
const tableName = process.env.IDEMPOTENCY_TABLE ?? 'channel-flow-idempotency';
const idempotency = makeHandlerIdempotent({
  persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamodb }),
  config: new IdempotencyConfig({ eventKeyJmesPath: 'CallbackId' }), // one record per delivery's CallbackId
});

export const handler = channelFlowProcessor(
  async (message) => {
    // The side effect a redelivery must not repeat: one increment per message on the channel's counter.
    const increment = { ':one': { N: '1' } };
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: process.env.COUNTER_TABLE ?? 'channel-flow-counters',
        Key: { channel: { S: message.ChannelArn } },
        UpdateExpression: 'ADD messages :one',
        ExpressionAttributeValues: increment,
      }),
    );
    metrics.addMetric('MessagesCounted', MetricUnit.Count, 1);
    return noChange();
  },
  // Powertools' middlewares go outside the package's: they see (and store) the summary, not the decision.
  { logger, metrics, outerMiddlewares: [injectLambdaContext(logger), logMetrics(metrics), idempotency] },
);
