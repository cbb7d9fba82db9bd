// The API models the emulator routes and validates with: JSON data written by scripts/generate-models.ts
// from botocore's chime-sdk-messaging and chime-sdk-identity models (served operations only).
import identity from './chime-sdk-identity.generated.json' with { type: 'json' };
import messaging from './chime-sdk-messaging.generated.json' with { type: 'json' };
import type { ServiceModel } from './types.js';

export const MESSAGING_MODEL = messaging as ServiceModel;
const IDENTITY_MODEL = identity as ServiceModel;
/** Both services share one endpoint: their request paths do not collide. */
export const MODELS: readonly ServiceModel[] = [MESSAGING_MODEL, IDENTITY_MODEL];

/** The model that defines `operation`, if any. */
export const modelOf = (operation: string): ServiceModel | undefined =>
  MODELS.find((model) => model.operations[operation] !== undefined);
