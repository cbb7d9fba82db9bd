import { describe, expect, it } from '@jest/globals';
import { checkProcessorLoads } from '../../src/local/index.js';
import { functionNameOf } from '../../src/local/flow/processors.js';

// How processors are named and checked before a run: a Lambda ARN maps to its function name (a
// qualifier is dropped), anything else is taken as the name itself; an in-process handler needs no
// load check.
describe('functionNameOf', () => {
  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:moderate', 'moderate'],
    ['arn:aws:lambda:us-east-1:123456789012:function:moderate:live', 'moderate'],
    ['moderate', 'moderate'],
  ])('names %s as %s', (arn, name) => {
    expect(functionNameOf(arn)).toBe(name);
  });
});

describe('checkProcessorLoads', () => {
  it('accepts an in-process handler function without starting anything', async () => {
    let called = false;
    const handler = async () => {
      called = true;
    };
    await expect(checkProcessorLoads('inline', handler)).resolves.toBeUndefined();
    expect(called).toBe(false);
  });
});
