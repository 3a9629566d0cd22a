import { describe, expect, it } from 'vitest';
import { originOf, pageContentSecurityPolicy } from '../../../src/runtime/content-security-policy';

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
