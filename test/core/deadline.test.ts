import { describe, expect, it } from '@jest/globals';
import { beforeDeadline, deadlineSignal, untilAborted } from '../../src/deadline.js';

describe('deadline helpers', () => {
  it('beforeDeadline settles as the work does, or rejects with onTimeout() at the deadline', async () => {
    await expect(beforeDeadline(Promise.resolve(1), Date.now() + 1000, () => 'late')).resolves.toBe(1);
    await expect(beforeDeadline(Promise.reject(new Error('x')), Date.now() + 1000, () => 'late')).rejects.toThrow('x');
    await expect(beforeDeadline(new Promise(() => {}), Date.now() + 10, () => 'late')).rejects.toBe('late');
  });

  it('deadlineSignal aborts with a TimeoutError after its time, or with the parent reason first', async () => {
    const timed = deadlineSignal(10);
    await expect(untilAborted(new Promise(() => {}), timed)).rejects.toMatchObject({ name: 'TimeoutError' });
    const parent = new AbortController();
    const combined = deadlineSignal(60_000, parent.signal);
    parent.abort(new Error('deadline'));
    expect(combined.aborted).toBe(true);
    expect((combined.reason as Error).message).toBe('deadline');
  });

  it('untilAborted settles as the work does while the signal has not aborted', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve('done'), signal)).resolves.toBe('done');
    await expect(untilAborted(Promise.reject(new Error('failed')), signal)).rejects.toThrow('failed');
    await expect(untilAborted(Promise.resolve('x'), AbortSignal.abort('gone'))).rejects.toBe('gone');
  });
});
