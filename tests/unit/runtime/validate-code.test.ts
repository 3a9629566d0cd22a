import { describe, expect, it } from 'vitest';
import { pythonImportDenied, TIERS } from '../../../src/engines/policy';
import { blankPythonStrings, validateCode } from '../../../src/runtime/validate-code';

const { restrictive, standard, unrestricted } = TIERS;

describe('validateCode for Python', () => {
  it('lists imports outside the tier, with their line and column, naming the module and tier', () => {
    const code = 'import math, os\nfrom collections import Counter\nfrom subprocess import run\n    import itertools as it';
    const more = ' Choose Standard or Unrestricted from the policy menu to allow it.';
    expect(validateCode(code, 'python', restrictive)).toEqual([
      { kind: 'import', line: 1, column: 14, message: `import of 'os' is not allowed under the restrictive policy.${more}` },
      { kind: 'import', line: 3, column: 6, message: `import of 'subprocess' is not allowed under the restrictive policy.${more}` },
      { kind: 'import', line: 4, column: 12, message: `import of 'itertools' is not allowed under the restrictive policy.${more}` },
    ]);
    expect(validateCode(code, 'python', standard)).toEqual([]);
    expect(validateCode(code, 'python', unrestricted)).toEqual([]);
  });

  it('under Standard, lists only what reaches outside, saying why and how to allow it', () => {
    const code = 'import os, csv, socket\nfrom urllib.request import urlopen\nfrom pyodide import http, ffi\nimport http.client\nimport micropip';
    expect(validateCode(code, 'python', standard).map(({ line, message }) => [line, message])).toEqual([
      [1, pythonImportDenied('socket', standard)],
      [2, pythonImportDenied('urllib.request', standard)],
      [3, pythonImportDenied('pyodide.http', standard)],
      [4, pythonImportDenied('http.client', standard)],
      [5, pythonImportDenied('micropip', standard)],
    ]);
    expect(pythonImportDenied('socket', standard)).toBe("import of 'socket' is not allowed under the standard policy: it reaches outside the page. Choose Unrestricted from the policy menu to allow it.");
    expect(pythonImportDenied('socket', restrictive)).toBe("import of 'socket' is not allowed under the restrictive policy. Choose Unrestricted from the policy menu to allow it.");
    expect(validateCode(code, 'python', unrestricted)).toEqual([]);
  });

  it('calls the network modules network use, and finds __import__ and import_module calls', () => {
    const code = 'import js\nfrom pyodide.http import pyfetch\nm = __import__("os")\nimportlib.import_module(\'socket\')';
    expect(validateCode(code, 'python', restrictive).map(({ kind, line }) => [kind, line])).toEqual([
      ['network', 1],
      ['network', 2],
      ['import', 3],
      ['network', 4],
    ]);
  });

  it('ignores imports inside strings and comments, and relative imports', () => {
    const code = '# import os\ntext = "import os"\ndoc = """\nimport subprocess\n"""\nfrom . import sibling\nprint("__import__(\'os\')")';
    expect(validateCode(code, 'python', restrictive)).toEqual([]);
  });

  it('blanks strings and comments without moving anything', () => {
    const code = 'a = "x#y" # note\nb = \'\'\'two\nlines\'\'\'';
    const blanked = blankPythonStrings(code);
    expect(blanked).toHaveLength(code.length);
    expect(blanked.split('\n').map((line) => line.length)).toEqual(code.split('\n').map((line) => line.length));
    expect(blanked).not.toMatch(/note|x#y|two|lines/);
  });
});

describe('validateCode for JavaScript', () => {
  it('lists imports the tier does not allow', () => {
    const code = 'import { orbit } from "orbit-math";\nconst lodash = await import("lodash");';
    expect(validateCode(code, 'javascript', restrictive).map(({ line, message }) => [line, message])).toEqual([
      [1, "import of 'orbit-math' is not allowed under the restrictive policy"],
      [2, "import of 'lodash' is not allowed under the restrictive policy"],
    ]);
    expect(validateCode(code, 'javascript', standard, { vendoredModules: ['orbit-math'] }).map(({ message }) => message)).toEqual([
      "import of 'lodash' is not allowed under the standard policy",
    ]);
    expect(validateCode(code, 'javascript', unrestricted)).toEqual([]);
  });

  it('flags the network globals where the network is denied, but not properties or the cell’s own names', () => {
    const code = 'const data = await fetch("/x");\nconst socket = new WebSocket("ws://x");\nconst config = { fetch: 1 };\nconfig.fetch;';
    expect(validateCode(code, 'javascript', standard).map(({ kind, line, column }) => [kind, line, column])).toEqual([
      ['network', 1, 20],
      ['network', 2, 20],
    ]);
    expect(validateCode('function fetch() {}\nfetch();', 'javascript', standard)).toEqual([]);
    expect(validateCode(code, 'javascript', unrestricted)).toEqual([]);
  });

  it('leaves code that does not parse to the engine', () => {
    expect(validateCode('import {', 'javascript', restrictive)).toEqual([]);
  });
});
