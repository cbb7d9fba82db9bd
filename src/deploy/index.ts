// The deploy layer of the library: helpers that reach a real AWS account (no aws-cdk-lib here; the CDK app is in deploy/).
export { associateChannelFlow, disassociateChannelFlow, checkAssociation } from './associate.js';
export type { ChannelFlowAssociation } from './associate.js';
export { parseAppInstanceArn, parseBearerArn, parseChannelArn, parseChannelFlowArn } from './arn.js';
export type { ChimeArnParts } from './arn.js';
export { InvalidArnError, ChannelFlowAssociationError } from './errors.js';
