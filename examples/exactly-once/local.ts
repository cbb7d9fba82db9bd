// What the example needs on one machine: its two DynamoDB tables, on dynalite (127.0.0.1, random
// port, in memory). `npm start` and the tests call it before loading the handler.
import { startDynalite } from '../../test/powertools/dynalite.js';

export const LOCAL_TABLES = { IDEMPOTENCY_TABLE: 'idempotency', COUNTER_TABLE: 'channel-flow-counters' } as const;

/**
 * Starts dynalite with the idempotency and counter tables.
 *
 * @returns the environment that points the handler at it, a client, and how to stop it
 * @example
 * const local = await prepareLocal(); Object.assign(process.env, local.env); ...; await local.close();
 */
export async function prepareLocal() {
  const db = await startDynalite();
  await db.createTable(LOCAL_TABLES.COUNTER_TABLE, 'channel');
  return {
    env: { ...LOCAL_TABLES, AWS_ENDPOINT_URL_DYNAMODB: db.endpoint },
    client: db.client,
    close: () => db.stop(),
  };
}
