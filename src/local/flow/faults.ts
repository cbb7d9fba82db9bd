import { EmulatorConfigError } from '../errors.js';

/**
 * Fault injection: probabilities (0 to 1) per callback request or invocation, plus a fixed latency.
 * throttle -> 429 ThrottledClientException, unavailable -> 503 ServiceUnavailableException,
 * reset -> the connection is destroyed without an answer (on the callback endpoint);
 * latency -> delay before answering a callback and before each invocation;
 * duplicate -> the same event is delivered twice (Lambda's at-least-once async delivery).
 */
export interface FaultConfig {
  throttle?: number;
  unavailable?: number;
  reset?: number;
  duplicate?: number;
  latencyMs?: number;
  /** Seed for the fault dice, so a failing run can be replayed. Default: random. */
  seed?: number;
}

const PROBABILITIES = ['throttle', 'unavailable', 'reset', 'duplicate'] as const;

/**
 * Parses `throttle=0.1,unavailable=0.05,latency=50ms,reset=0.02,duplicate=0.1[,seed=7]`.
 *
 * @param spec - comma-separated `name=value` pairs
 * @returns the fault configuration
 * @throws {@link EmulatorConfigError} naming the part that cannot be read
 * @example
 * parseFaults('throttle=0.1,latency=50ms'); // { throttle: 0.1, latencyMs: 50 }
 */
export function parseFaults(spec: string): FaultConfig {
  const config: FaultConfig = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name = '', raw = ''] = part.split('=').map((p) => p.trim());
    if (name === 'latency') {
      const found = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw);
      if (!found) throw new EmulatorConfigError('faults', `latency must look like 50ms or 0.2s, got "${raw}"`);
      config.latencyMs = Number(found[1]) * (found[2] === 's' ? 1000 : 1);
    } else if (name === 'seed') {
      if (!/^\d+$/.test(raw)) throw new EmulatorConfigError('faults', 'seed must be a non-negative integer');
      config.seed = Number(raw);
    } else if ((PROBABILITIES as readonly string[]).includes(name)) {
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value) || value < 0 || value > 1) {
        throw new EmulatorConfigError('faults', `${name} must be a probability between 0 and 1, got "${raw}"`);
      }
      config[name as (typeof PROBABILITIES)[number]] = value;
    } else {
      throw new EmulatorConfigError(
        'faults',
        `unknown fault "${name}" (known: ${[...PROBABILITIES, 'latency', 'seed'].join(', ')})`,
      );
    }
  }
  return config;
}

/**
 * Checks a FaultConfig object given in code (same rules as the string form), or parses a string.
 *
 * @example
 * normalizeFaults({ throttle: 0.1 }); // { throttle: 0.1 }
 * normalizeFaults('duplicate=0.5');   // { duplicate: 0.5 }
 */
export function normalizeFaults(faults: string | FaultConfig | undefined): FaultConfig {
  if (faults === undefined) return {};
  if (typeof faults === 'string') return parseFaults(faults);
  for (const name of PROBABILITIES) {
    const value = faults[name];
    if (value !== undefined && !(value >= 0 && value <= 1))
      throw new EmulatorConfigError('faults', `${name} must be between 0 and 1`);
  }
  if (faults.latencyMs !== undefined && !(faults.latencyMs >= 0))
    throw new EmulatorConfigError('faults', 'latencyMs must be >= 0');
  return { ...faults };
}

/** The dice: mulberry32, small and seedable, good enough for fault rates. */
export class FaultDice {
  private state: number;

  constructor(readonly config: FaultConfig) {
    this.state = (config.seed ?? Math.floor(Math.random() * 2 ** 32)) >>> 0;
  }

  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with the configured probability of `fault`. */
  roll(fault: (typeof PROBABILITIES)[number]): boolean {
    const p = this.config[fault];
    return p !== undefined && p > 0 && this.next() < p;
  }

  get latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }
}
