/**
 * What the document's property blocks say. A value the lenient reader kept verbatim (an
 * expression, a YAML literal) is text as written: it sets nothing and seeds no variable.
 */
import { describe, expect, it } from 'vitest';
import { documentProperty, documentSettings } from '../../../src/runtime/document-settings';
import { createNotebook } from '../../../src/runtime/notebook';

const noLookup = () => undefined;

describe('document settings', () => {
  it('reads strict literals from CONFIG and VARIABLE blocks', () => {
    const notebook = createNotebook('CONFIG {\n    timeout: 5000\n    packages: ["numpy"]\n}\nVARIABLE radius {\n    value: 6371\n}\n');
    expect(documentProperty(notebook, 'CONFIG', 'timeout')).toBe(5000);
    expect(documentSettings(notebook, noLookup)).toEqual({ packages: ['numpy'], variables: [['radius', 6371]] });
  });

  it('takes nothing from a value kept verbatim', () => {
    const notebook = createNotebook('CONFIG {\n    timeout: soon\n    security: unrestricted\n}\nVARIABLE started {\n    value: Date.now()\n}\nVARIABLE kept {\n    value: 1\n}\n');
    expect(documentProperty(notebook, 'CONFIG', 'timeout')).toBeUndefined();
    expect(documentProperty(notebook, 'CONFIG', 'security')).toBeUndefined();
    expect(documentSettings(notebook, noLookup).variables).toEqual([['kept', 1]]);
    expect(notebook.text()).toBe('CONFIG {\n    timeout: soon\n    security: unrestricted\n}\nVARIABLE started {\n    value: Date.now()\n}\nVARIABLE kept {\n    value: 1\n}\n');
  });
});
