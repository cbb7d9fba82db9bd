// The emulator's API models are data generated from botocore: regenerating them changes nothing,
// and every pattern in them compiles as the validator uses it.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SERVED_OPERATIONS, botocoreDataDir, buildModel, modelFile } from '../../scripts/generate-models.js';
import type { ServiceName } from '../../scripts/generate-models.js';
import { MODELS } from '../../src/local/model/models.js';
import { patternFor } from '../../src/local/protocol/validate.js';

const dataDir = botocoreDataDir();
if (!dataDir)
  console.warn('SKIPPED model regeneration check: python3 with botocore is not installed (pip install botocore)');

describe('API models (src/local/model/*.generated.json)', () => {
  (dataDir ? it : it.skip).each(Object.keys(SERVED_OPERATIONS) as ServiceName[])(
    '%s: regenerating from the installed botocore changes nothing',
    (service) => {
      const committed = JSON.parse(readFileSync(modelFile(service), 'utf8')) as unknown;
      expect(buildModel(dataDir!, service)).toEqual(committed);
    },
  );

  it('serves exactly the operations the generator keeps, signed as chime', () => {
    for (const model of MODELS) {
      expect(model.signingName).toBe('chime');
      expect(Object.keys(model.operations).sort()).toEqual([...SERVED_OPERATIONS[model.service as ServiceName]].sort());
    }
  });

  it('compiles every pattern of both models', () => {
    const patterns = MODELS.flatMap((model) => Object.values(model.shapes).flatMap((shape) => shape.pattern ?? []));
    expect(patterns.length).toBeGreaterThan(10);
    for (const pattern of patterns) expect(() => patternFor(pattern)).not.toThrow();
  });
});
