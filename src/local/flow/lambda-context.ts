import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * A Lambda-like context for one invocation: the deadline comes from the function timeout,
 * so `getRemainingTimeInMillis()` counts down as it does on Lambda.
 *
 * @example
 * const context = createLambdaContext('moderate', 'arn:aws:lambda:us-east-1:123456789012:function:moderate', 3000);
 */
export function createLambdaContext(
  functionName: string,
  functionArn: string,
  timeoutMs: number,
  now = Date.now(),
  memoryMb = 128,
): Context {
  const deadline = now + timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
