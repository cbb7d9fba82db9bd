import { ChannelFlowError } from '../errors.js';
import { MESSAGING_MODEL } from './model/models.js';

/** Error shape names of the model, e.g. `BadRequestException`. */
export const ErrorShape = {
  BadRequest: 'BadRequestException',
  Conflict: 'ConflictException',
  Forbidden: 'ForbiddenException',
  NotFound: 'NotFoundException',
  Unauthorized: 'UnauthorizedClientException',
  Throttled: 'ThrottledClientException',
  ServiceUnavailable: 'ServiceUnavailableException',
  ServiceFailure: 'ServiceFailureException',
  ResourceLimitExceeded: 'ResourceLimitExceededException',
} as const;
export type ErrorShape = (typeof ErrorShape)[keyof typeof ErrorShape];

/**
 * A modeled error the emulator answers with: HTTP status from the model, `x-amzn-errortype`
 * set to the shape name and `{ Code, Message }` in the body, as the service sends them.
 * Messages name fields and ids, never user content.
 */
export class ServiceError extends ChannelFlowError {
  readonly shape: ErrorShape;
  readonly statusCode: number;
  /** The `Code` of the body: the shape name without `Exception` / `ClientException`. */
  readonly code: string;

  constructor(shape: ErrorShape, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.shape = shape;
    this.statusCode = MESSAGING_MODEL.shapes[shape]?.error?.httpStatusCode ?? 400;
    this.code = shape.replace(/(Client)?Exception$/, '');
  }
}

/** The emulator cannot start as configured (bad fault spec, processor mapping, port, state file). */
export class EmulatorConfigError extends ChannelFlowError {
  readonly option: string;

  constructor(option: string, problem: string, options?: { cause?: unknown }) {
    super(`Invalid emulator option ${option}: ${problem}`, options);
    this.name = 'EmulatorConfigError';
    this.option = option;
  }
}

/** A processor module could not be loaded (missing file, missing export, crash at import). */
export class ProcessorLoadError extends ChannelFlowError {
  readonly processor: string;

  constructor(processor: string, problem: string, options?: { cause?: unknown }) {
    super(`Cannot load processor ${processor}: ${problem}`, options);
    this.name = 'ProcessorLoadError';
    this.processor = processor;
  }
}
