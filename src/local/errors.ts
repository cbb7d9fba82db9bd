import { ChannelFlowError, InvalidOptionsError } from '../errors.js';
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
 *
 * @example
 * throw new ServiceError(ErrorShape.NotFound, `Channel ${channelArn} not found`);
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

/**
 * The emulator cannot start as configured (bad fault spec, processor mapping, port, state file).
 *
 * @example
 * await startEmulator({ faults: 'throttle=2' }).catch((e) => e instanceof EmulatorConfigError); // true
 */
export class EmulatorConfigError extends InvalidOptionsError {
  constructor(option: string, problem: string, options?: { cause?: unknown }) {
    super(option, problem, { ...options, scope: 'emulator' });
    this.name = 'EmulatorConfigError';
  }
}

/**
 * A processor module could not be loaded (missing file, missing export, crash at import). The
 * message names the processor, the file, the export and the first line of the underlying error.
 *
 * @example
 * try { await checkProcessorLoads('moderate', './handler.ts') } catch (e) { if (e instanceof ProcessorLoadError) console.error(e.file, e.exportName, e.problem) }
 */
export class ProcessorLoadError extends ChannelFlowError {
  readonly processor: string;
  /** Absolute path of the module, when the source named one. */
  readonly file: string | undefined;
  /** The export that should hold the handler (`handler` by default). */
  readonly exportName: string | undefined;
  /** What went wrong, in one line (e.g. `import failed: Cannot find package 'zod'`). */
  readonly problem: string;

  constructor(
    processor: string,
    problem: string,
    options?: { cause?: unknown; file?: string | undefined; exportName?: string | undefined },
  ) {
    const where = options?.file ? ` (${options.file}${options.exportName ? `#${options.exportName}` : ''})` : '';
    super(`Cannot load processor ${processor}${where}: ${problem}`, options);
    this.name = 'ProcessorLoadError';
    this.processor = processor;
    this.file = options?.file;
    this.exportName = options?.exportName;
    this.problem = problem;
  }
}
