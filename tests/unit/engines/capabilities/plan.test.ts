import { describe, expect, it } from 'vitest';
import { claimedTwice, classify, classifyKey, networkKeys } from '../../../../src/engines/capabilities/classification';
import { urlOf } from '../../../../src/engines/capabilities/lend';
import { planRemoval, type WalkedName } from '../../../../src/engines/capabilities/plan';

const walked = (ownerLabel: string, key: string, interfaces: string[] = []): WalkedName => ({ ownerLabel, key, name: `${ownerLabel}.${key}`, interfaces });

describe('the classification', () => {
  it('gives each name one class', () => {
    expect(claimedTwice()).toEqual([]);
  });

  it('classifies by where a name lives', () => {
    expect(classify('WorkerGlobalScope.prototype.fetch')).toEqual({ kind: 'engine-private' });
    expect(classify('WorkerGlobalScope.prototype.setTimeout')).toEqual({ kind: 'harmless' });
    expect(classify('WorkerNavigator.prototype.storage')).toEqual({ kind: 'removed', road: 'storage' });
    expect(classify('self.WebSocketStream')).toEqual({ kind: 'removed', road: 'network' });
    expect(classify('self.Worker')).toEqual({ kind: 'removed', road: 'contexts' });
    // The same key somewhere else is not the same name.
    expect(classify('self.storage')).toBeNull();
  });

  it('calls a prototype\'s constructor and a string tag harmless anywhere', () => {
    expect(classify('WorkerNavigator.prototype.constructor')).toEqual({ kind: 'harmless' });
    expect(classify('Anything.prototype.[Symbol.toStringTag]')).toEqual({ kind: 'harmless' });
    expect(classify('self.constructor')).toBeNull();
  });

  it('classifies the statics and prototypes of constructors, ECMAScript\'s own objects by rule', () => {
    expect(classify('Blob.prototype.text')).toEqual({ kind: 'harmless' });
    expect(classify('WebGL2RenderingContext.prototype.drawArrays')).toEqual({ kind: 'harmless' });
    expect(classify('URL.createObjectURL')).toEqual({ kind: 'removed', road: 'contexts' });
    expect(classify('Array.prototype.map')).toEqual({ kind: 'harmless' });
    expect(classify('Intl.Collator.prototype.compare')).toEqual({ kind: 'harmless' });
    expect(classify('TypedArray.prototype.set')).toEqual({ kind: 'harmless' });
    // A platform interface's names are listed one by one; one no list has is not harmless.
    expect(classify('Blob.prototype.upload')).toBeNull();
  });

  it('calls a constant harmless wherever it is', () => {
    const constant = { ...walked('WebGLRenderingContext', 'DEPTH_TEST'), constant: true };
    const plan = planRemoval([constant, walked('Blob.prototype', 'upload')], 'remove');
    expect(plan.unclassified).toEqual(['Blob.prototype.upload']);
    expect(plan.removals.map((removal) => removal.property.name)).toEqual(['Blob.prototype.upload']);
  });

  it('finds what to remove by key alone, storage before the network', () => {
    expect(classifyKey('fetch')).toEqual({ kind: 'engine-private' });
    expect(classifyKey('indexedDB')).toEqual({ kind: 'removed', road: 'storage' });
    expect(classifyKey('setTimeout')).toBeNull();
    expect(networkKeys()).toEqual(expect.arrayContaining(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'fonts']));
    expect(networkKeys()).not.toContain('indexedDB');
  });
});

describe('planRemoval', () => {
  it('removes unknown names where told to, and lists them either way', () => {
    const found = [walked('self', 'URL'), walked('self', 'Mystery'), walked('WorkerGlobalScope.prototype', 'fetch')];
    const strict = planRemoval(found, 'remove');
    expect(strict.unclassified).toEqual(['self.Mystery']);
    expect(strict.removals.map((removal) => [removal.property.name, removal.returns])).toEqual([
      ['self.Mystery', false],
      ['WorkerGlobalScope.prototype.fetch', true],
    ]);
    const lenient = planRemoval(found, 'keep');
    expect(lenient.unclassified).toEqual(['self.Mystery']);
    expect(lenient.removals.map((removal) => removal.property.name)).toEqual(['WorkerGlobalScope.prototype.fetch']);
  });

  it('removes the interface of what a removed name gives, and reports a harmless one as a conflict', () => {
    const found = [
      walked('self', 'StorageManager'),
      walked('self', 'URL'),
      walked('WorkerNavigator.prototype', 'storage', ['StorageManager']),
      walked('WorkerNavigator.prototype', 'storageBuckets', ['URL']),
    ];
    const plan = planRemoval(found, 'remove');
    expect(plan.removals.map((removal) => removal.property.name).sort()).toEqual(
      ['WorkerNavigator.prototype.storage', 'WorkerNavigator.prototype.storageBuckets', 'self.StorageManager', 'self.URL'].sort(),
    );
    expect(plan.conflicts).toEqual(['self.URL (from WorkerNavigator.prototype.storageBuckets)']);
  });

  it('keeps what comes back with the network apart from what never comes back', () => {
    const found = [walked('self', 'WebSocket', ['WebSocket', 'EventTarget']), walked('WorkerGlobalScope.prototype', 'caches', ['CacheStorage']), walked('self', 'CacheStorage')];
    const returns = Object.fromEntries(planRemoval(found, 'remove').removals.map((removal) => [removal.property.name, removal.returns]));
    expect(returns).toEqual({ 'self.WebSocket': true, 'WorkerGlobalScope.prototype.caches': false, 'self.CacheStorage': false });
  });
});

describe('urlOf', () => {
  it('gives the absolute URL without its fragment', () => {
    expect(urlOf('https://a.example/x.whl#sha256=00')).toBe('https://a.example/x.whl');
    expect(urlOf(new URL('https://a.example/y'))).toBe('https://a.example/y');
    expect(urlOf(new Request('https://a.example/z'))).toBe('https://a.example/z');
  });
});
