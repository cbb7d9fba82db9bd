// Which example processors the app deploys, and what each needs beyond the defaults.
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FallbackAction } from './channel-flow-processor.js';

export interface ExampleSpec {
  /** Folder under examples/ holding handler.ts. */
  readonly name: string;
  readonly fallbackAction: FallbackAction;
  /** Role statements beyond chime:ChannelFlowCallback. */
  readonly policyStatements?: () => PolicyStatement[];
  readonly environment?: Record<string, string>;
  /** DynamoDB tables the example reads and writes; each table's name reaches the function in `envVar`. */
  readonly tables?: readonly ExampleTable[];
}

export interface ExampleTable {
  readonly envVar: string;
  readonly partitionKey: string;
  /** Attribute holding an epoch-seconds expiry (Powertools Idempotency's `expiration`). */
  readonly timeToLiveAttribute?: string;
}

/** Known examples; an examples/NAME/handler.ts not listed here deploys with the defaults (CONTINUE, no extra IAM). */
export const EXAMPLE_SPECS: readonly ExampleSpec[] = [
  { name: 'profanity-mask', fallbackAction: FallbackAction.Continue },
  // PII must not reach the channel unredacted, even when the service cannot invoke the function.
  { name: 'pii-redact', fallbackAction: FallbackAction.Abort },
  {
    name: 'ai-toxicity',
    fallbackAction: FallbackAction.Continue,
    // DetectToxicContent and ApplyGuardrail have no resource-level scoping for the model side, hence '*'.
    policyStatements: () => [
      new PolicyStatement({ actions: ['comprehend:DetectToxicContent'], resources: ['*'] }),
      new PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: ['*'] }),
    ],
  },
  { name: 'community-guard', fallbackAction: FallbackAction.Continue },
  {
    name: 'exactly-once',
    fallbackAction: FallbackAction.Continue,
    environment: { POWERTOOLS_SERVICE_NAME: 'exactly-once' },
    tables: [
      // Powertools Idempotency's default layout: partition key `id`, expiry in `expiration`.
      { envVar: 'IDEMPOTENCY_TABLE', partitionKey: 'id', timeToLiveAttribute: 'expiration' },
      { envVar: 'COUNTER_TABLE', partitionKey: 'channel' },
    ],
  },
];

/**
 * The spec for an example folder, defaults for unknown ones.
 *
 * @example
 * exampleSpec('pii-redact').fallbackAction; // 'ABORT'
 */
export const exampleSpec = (name: string): ExampleSpec =>
  EXAMPLE_SPECS.find((spec) => spec.name === name) ?? { name, fallbackAction: FallbackAction.Continue };
