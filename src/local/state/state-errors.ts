import { ChannelFlowError } from '../../errors.js';

/** A change could not be written to the state file: what was asked is not durable. */
export class StateWriteError extends ChannelFlowError {
  /** The file system's error code, e.g. `ENOSPC`, `EACCES`. */
  readonly code: string | undefined;

  constructor(file: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`Cannot write emulator state to ${file}${code ? ` (${code})` : ''}`, { cause });
    this.name = 'StateWriteError';
    this.code = code;
  }
}
