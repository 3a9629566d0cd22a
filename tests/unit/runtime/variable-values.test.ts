/**
 * Values read from their engine on demand, and what a reading cell is told when one cannot be
 * read: a value that cannot cross is barred for good, a read stopped at the time limit is not.
 */
import { describe, expect, it } from 'vitest';
import { supply } from '../../../src/runtime/cell/prepare';
import { packedValue } from '../../../src/engines/packed-value';
import { createVariableStore } from '../../../src/runtime/variable-store';
import { createVariableValues, type EngineRead } from '../../../src/runtime/variable-values';

/** An error as it arrives from a worker: a plain Error carrying the thrower's name. */
function fromWorker(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

function storeWithExport() {
  const variables = createVariableStore();
  variables.put({ name: 'leaked', origin: 'javascript', cellId: 'spin', type: 'Object', preview: '{…}', sizeBytes: 16, value: undefined, barrier: null });
  return variables;
}

describe('reading a value another language made', () => {
  it('ends the reading cell with a timeout naming the limit when the read was stopped, and bars nothing', async () => {
    const variables = storeWithExport();
    let spinning = true;
    const read: EngineRead = () => (spinning ? Promise.reject(fromWorker('ReadTimeoutError', 'leaked could not be read within the time limit of 3000 ms: its getters or traps did not return')) : Promise.resolve(packedValue({ fixed: true })));
    const values = createVariableValues(variables, read);

    const failed = await supply(variables, values, 'python', ['leaked'], 'reader');
    expect(failed).toMatchObject({ kind: 'timeout', name: 'TimeoutError', cellId: 'reader', language: 'python' });
    expect('message' in failed && failed.message).toContain('3000 ms');
    expect(variables.entries.leaked?.barrier).toBeNull();

    spinning = false;
    expect(await supply(variables, values, 'python', ['leaked'], 'reader')).toMatchObject({ values: { leaked: { form: 'value', value: { fixed: true } } }, bytes: 16 });
  });

  it('bars a value that cannot cross, and says so as a conversion error every time after', async () => {
    const variables = storeWithExport();
    let reads = 0;
    const values = createVariableValues(variables, () => {
      reads += 1;
      return Promise.reject(fromWorker('ConversionError', 'value is nested too deep to cross'));
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const failed = await supply(variables, values, 'python', ['leaked'], 'reader');
      expect(failed).toMatchObject({ kind: 'conversion', message: 'leaked is a JavaScript Object and cannot cross to Python: value is nested too deep to cross' });
    }
    expect(reads).toBe(1);
    expect(variables.entries.leaked?.barrier).toBe('value is nested too deep to cross');
  });
});
