import { randomUUID } from 'node:crypto';

// randomUUID draws from a cached entropy pool; randomBytes makes a fresh system call each time.
const hex32 = (): string => randomUUID().replaceAll('-', '');

/**
 * A MessageId shaped like the service's: 64 hex characters.
 *
 * @example
 * newMessageId(); // '3f2a...' (64 characters)
 */
export const newMessageId = (): string => hex32() + hex32();

/**
 * A fresh CallbackId: 48 hex characters, inside the model's 32 to 64, unguessable.
 *
 * @example
 * newCallbackId().length; // 48
 */
export const newCallbackId = (): string => (hex32() + hex32()).slice(0, 48);
