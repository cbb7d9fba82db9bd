import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { IDEMPOTENCY_TABLE, startDynalite, type Dynalite } from './dynalite.js';

let db: Dynalite;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

describe('dynalite harness', () => {
  it('serves DynamoDBPersistenceLayer over HTTP on 127.0.0.1: a repeated key runs the function once', async () => {
    // Prepare
    expect(db.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const persistenceStore = new DynamoDBPersistenceLayer({ tableName: IDEMPOTENCY_TABLE, awsSdkV3Client: db.client });
    let runs = 0;
    const work = makeIdempotent(
      async (input: { key: string }) => {
        runs += 1;
        return { done: input.key };
      },
      { persistenceStore, config: new IdempotencyConfig({ eventKeyJmesPath: 'key' }) },
    );
    // Act
    const first = await work({ key: 'k-1' });
    const second = await work({ key: 'k-1' });
    // Assess
    expect(runs).toBe(1);
    expect(second).toEqual(first);
    const { Items } = await db.client.send(new ScanCommand({ TableName: IDEMPOTENCY_TABLE }));
    expect(Items).toHaveLength(1);
    expect(Items?.[0]?.status?.S).toBe('COMPLETED');
  });
});
