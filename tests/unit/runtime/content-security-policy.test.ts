import { describe, expect, it } from 'vitest';
import { originOf, pageContentSecurityPolicy, workerPolicies } from '../../../src/runtime/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split('; ').map((directive) => {
    const [name = '', ...values] = directive.split(' ');
    return [name, values];
  }));
}

describe('the page Content-Security-Policy', () => {
  it('refuses string evaluation, remote scripts, fonts and connections', () => {
    const policy = directives(pageContentSecurityPolicy());
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('lets the engines reach their package source, once', () => {
    const policy = directives(pageContentSecurityPolicy({ packageOrigins: ['https://mirror.example', 'https://mirror.example'] }));
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://mirror.example']);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });

  it('takes the origin of absolute http(s) package URLs only', () => {
    expect(originOf('https://cdn.example/pyodide/v1/full/')).toBe('https://cdn.example');
    expect(originOf('none')).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf(undefined)).toBeNull();
    expect(originOf('/packages/')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
  });
});

describe('the engine workers’ Content-Security-Policies', () => {
  const origins = { python: ['https://pyodide.example'], javascript: ['https://esm.example'] };

  it('refuse string evaluation, remote scripts and fonts in every tier, as the page does', () => {
    for (const engine of Object.values(workerPolicies(origins))) {
      for (const { policy: text } of Object.values(engine)) {
        const policy = directives(text);
        expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
        expect(policy.get('font-src')).toEqual(["'none'"]);
        expect(policy.get('object-src')).toEqual(["'none'"]);
      }
    }
  });

  it('let Restrictive workers connect to the app only, and its self-test try every package source', () => {
    const policies = workerPolicies(origins);
    for (const language of ['python', 'javascript'] as const) {
      expect(directives(policies[language].restrictive.policy).get('connect-src')).toEqual(["'self'"]);
      expect(policies[language].restrictive.refusedOrigins).toEqual(['https://pyodide.example', 'https://esm.example']);
    }
  });

  it('let each Standard worker reach its own engine’s package source, never the other’s', () => {
    const policies = workerPolicies(origins);
    expect(directives(policies.python.standard.policy).get('connect-src')).toEqual(["'self'", 'https://pyodide.example']);
    expect(policies.python.standard.refusedOrigins).toEqual(['https://esm.example']);
    expect(directives(policies.javascript.standard.policy).get('connect-src')).toEqual(["'self'", 'https://esm.example']);
    expect(policies.javascript.standard.refusedOrigins).toEqual(['https://pyodide.example']);
  });

  it('leave only the app’s origin where the deployer switched the package sources off', () => {
    const policies = workerPolicies({ python: [], javascript: [] });
    expect(directives(policies.python.standard.policy).get('connect-src')).toEqual(["'self'"]);
    expect(policies.javascript.restrictive.refusedOrigins).toEqual([]);
  });
});
