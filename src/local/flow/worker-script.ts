/**
 * The bootstrap a processor's worker thread runs (`new Worker(WORKER_SCRIPT, { eval: true })`),
 * kept as plain JavaScript source so it runs the same from the TypeScript sources, from jest and
 * from the esbuild bundle (a worker file next to the module would not survive bundling).
 *
 * Protocol (worker -> parent): `ready`; `load-error` { problem }; `result` { id, result };
 * `error` { id, error }; `crash` { id?, error } (an uncaught exception, attributed to the invocation
 * whose async context threw it when there is one); `stray` { error } (an unhandled rejection);
 * `pong`. Parent -> worker: `invoke` { id, event, context }; `ping`.
 * Errors cross as names and first lines only: a processor's error text may quote user content.
 *
 * @internal
 */
export const WORKER_SCRIPT = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { AsyncLocalStorage } = require('node:async_hooks');
const { pathToFileURL } = require('node:url');

const invocation = new AsyncLocalStorage();
const nameOf = (error) => {
  try {
    return (error && typeof error.name === 'string' && error.name) || typeof error;
  } catch {
    return typeof error;
  }
};
const firstLine = (error) => {
  try {
    return String(error && error.message !== undefined ? error.message : error).split('\n')[0].slice(0, 300);
  } catch {
    return nameOf(error);
  }
};
const post = (message) => {
  try {
    parentPort.postMessage(message);
  } catch {
    // A result that cannot be cloned (functions, proxies) crosses as undefined.
    parentPort.postMessage({ type: message.type, id: message.id });
  }
};

// The runtime is lost on an uncaught exception, as on Lambda: the parent terminates this worker.
process.on('uncaughtException', (error) => post({ type: 'crash', id: invocation.getStore(), error: nameOf(error) }));
process.on('unhandledRejection', (reason) => post({ type: 'stray', error: nameOf(reason) }));

async function importModule(file) {
  const url = pathToFileURL(file).href;
  if (!/\.(c|m)?tsx?$/.test(file)) return import(url);
  try {
    return await import(url);
  } catch (error) {
    if (!error || error.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  }
  let tsx;
  try {
    tsx = await import(workerData.tsx || 'tsx/esm/api');
  } catch {
    // A plain Error: this script runs in an eval'd worker that cannot import the package; only its
    // message crosses (as load-error), and the parent turns it into a ProcessorLoadError.
    throw new Error('TypeScript processors need the "tsx" package (npm i -D tsx), or pass a built .js file');
  }
  return tsx.tsImport(url, url);
}

let handler;
parentPort.on('message', (message) => {
  if (message.type === 'ping') return post({ type: 'pong' });
  if (message.type !== 'invoke' || !handler) return;
  const { id, event, context: base } = message;
  const context = {
    ...base,
    getRemainingTimeInMillis: () => Math.max(0, base.deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  delete context.deadline;
  invocation.run(id, () => {
    Promise.resolve()
      .then(() => handler(event, context))
      .then(
        (result) => post({ type: 'result', id, result }),
        (error) => post({ type: 'error', id, error: nameOf(error) }),
      );
  });
});

importModule(workerData.file).then(
  (module) => {
    const name = workerData.exportName;
    const found = module[name] ?? (name === 'handler' && module.default ? module.default.handler : undefined);
    if (typeof found !== 'function') return post({ type: 'load-error', problem: 'export "' + name + '" is not a function' });
    handler = found;
    post({ type: 'ready' });
  },
  (error) => post({ type: 'load-error', problem: 'import failed: ' + firstLine(error) }),
);
`;
