// Writes the emulator's API models (src/local/model/*.json) from the botocore installed with the aws CLI:
// only the operations the emulator serves and the shapes they reach, documentation stripped.
// Usage: node --import ./scripts/register-ts.mjs scripts/generate-models.ts
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The operations the emulator serves, per botocore service name. */
export const SERVED_OPERATIONS = {
  'chime-sdk-messaging': [
    'CreateChannelFlow',
    'DescribeChannelFlow',
    'UpdateChannelFlow',
    'DeleteChannelFlow',
    'ListChannelFlows',
    'CreateChannel',
    'DescribeChannel',
    'UpdateChannel',
    'DeleteChannel',
    'ListChannels',
    'ListChannelsAssociatedWithChannelFlow',
    'AssociateChannelFlow',
    'DisassociateChannelFlow',
    'CreateChannelMembership',
    'BatchCreateChannelMembership',
    'DescribeChannelMembership',
    'ListChannelMemberships',
    'DeleteChannelMembership',
    'ListChannelMembershipsForAppInstanceUser',
    'SendChannelMessage',
    'UpdateChannelMessage',
    'GetChannelMessage',
    'GetChannelMessageStatus',
    'ListChannelMessages',
    'DeleteChannelMessage',
    'RedactChannelMessage',
    'ChannelFlowCallback',
    'GetMessagingSessionEndpoint',
  ],
  'chime-sdk-identity': [
    'CreateAppInstance',
    'DescribeAppInstance',
    'ListAppInstances',
    'DeleteAppInstance',
    'CreateAppInstanceUser',
    'DescribeAppInstanceUser',
    'ListAppInstanceUsers',
    'DeleteAppInstanceUser',
    'CreateAppInstanceAdmin',
    'ListAppInstanceAdmins',
  ],
} as const;
export type ServiceName = keyof typeof SERVED_OPERATIONS;

const SHAPE_KEYS = ['type', 'required', 'min', 'max', 'pattern', 'enum', 'error'] as const;
type Json = { [key: string]: unknown };
interface BotocoreShape {
  type: string;
  members?: Record<string, { shape: string; location?: string; locationName?: string }>;
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  [key: string]: unknown;
}
interface BotocoreModel {
  metadata: { apiVersion: string; signingName: string };
  operations: Record<
    string,
    {
      http: { method: string; requestUri: string; responseCode?: number };
      input: { shape: string };
      output?: { shape: string };
      errors?: Array<{ shape: string }>;
    }
  >;
  shapes: Record<string, BotocoreShape>;
}

/** botocore's data folder, or undefined when python3 or botocore is absent. */
export function botocoreDataDir(): string | undefined {
  try {
    const dir = execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return join(dir, 'data');
  } catch {
    return undefined;
  }
}

/** The slim model of one service, as the emulator reads it. */
export function buildModel(dataDir: string, service: ServiceName): Json {
  const versions = readdirSync(join(dataDir, service)).sort();
  const file = join(dataDir, service, versions[versions.length - 1]!, 'service-2.json.gz');
  const model = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as BotocoreModel;
  const shapes: Record<string, Json> = {};
  const keep = (name: string): void => {
    if (shapes[name]) return;
    const shape = model.shapes[name]!;
    const out: Json = {};
    for (const key of SHAPE_KEYS) if (shape[key] !== undefined) out[key] = shape[key];
    shapes[name] = out;
    if (shape.type === 'structure') {
      const members: Record<string, Json> = {};
      for (const [member, ref] of Object.entries(shape.members ?? {})) {
        members[member] = {
          shape: ref.shape,
          ...(ref.location ? { location: ref.location } : {}),
          ...(ref.locationName ? { locationName: ref.locationName } : {}),
        };
        keep(ref.shape);
      }
      out.members = members;
    } else if (shape.type === 'list') {
      out.member = shape.member!.shape;
      keep(shape.member!.shape);
    } else if (shape.type === 'map') {
      out.key = shape.key!.shape;
      out.value = shape.value!.shape;
      keep(shape.key!.shape);
      keep(shape.value!.shape);
    }
  };
  const operations: Record<string, Json> = {};
  for (const name of SERVED_OPERATIONS[service]) {
    const op = model.operations[name]!;
    operations[name] = {
      method: op.http.method,
      requestUri: op.http.requestUri,
      responseCode: op.http.responseCode ?? 200,
      input: op.input.shape,
      ...(op.output ? { output: op.output.shape } : {}),
      errors: (op.errors ?? []).map((e) => e.shape),
    };
    keep(op.input.shape);
    if (op.output) keep(op.output.shape);
    for (const error of op.errors ?? []) keep(error.shape);
  }
  return {
    service,
    signingName: model.metadata.signingName,
    apiVersion: model.metadata.apiVersion,
    operations,
    shapes,
  };
}

/** Where the emulator keeps each service's model. */
export const modelFile = (service: ServiceName): string =>
  fileURLToPath(new URL(`../src/local/model/${service}.generated.json`, import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dataDir = botocoreDataDir();
  if (!dataDir) throw new Error('python3 with botocore is required (pip install botocore, or the aws CLI v1)');
  for (const service of Object.keys(SERVED_OPERATIONS) as ServiceName[]) {
    const model = buildModel(dataDir, service);
    writeFileSync(modelFile(service), `${JSON.stringify(model, null, 2)}\n`);
    console.log(`${service}: ${Object.keys(model.operations as Json).length} operations -> ${modelFile(service)}`);
  }
}
