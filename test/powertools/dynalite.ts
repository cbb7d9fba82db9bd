// A real DynamoDB-compatible server for the idempotency tests: dynalite over HTTP on 127.0.0.1,
// a random port, in memory; started by the test that needs it and stopped after.
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => import('node:http').Server;

/** The table layout DynamoDBPersistenceLayer expects by default: partition key `id`. */
export const IDEMPOTENCY_TABLE = 'idempotency';

export interface Dynalite {
  endpoint: string;
  /** A client pointed at this server with dummy credentials (dynalite checks none). */
  client: DynamoDBClient;
  createTable(name: string, key?: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts dynalite on 127.0.0.1 (random port) and creates the idempotency table.
 *
 * @example
 * const db = await startDynalite(); try { ... } finally { await db.stop(); }
 */
export async function startDynalite(): Promise<Dynalite> {
  // Tables become ACTIVE at once: the tests never wait on CREATING.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
  const createTable = async (name: string, key = 'id') => {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  };
  await createTable(IDEMPOTENCY_TABLE);
  return {
    endpoint,
    client,
    createTable,
    stop: async () => {
      client.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
