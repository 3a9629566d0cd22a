/**
 * The names a worker's user code may keep (SPEC §5), as Chromium lays them out: each list is
 * the own properties of one object the walker reaches, under the label the walker gives it.
 * A name is here because it computes, encodes, measures or talks only to the page that owns
 * the worker; none opens a connection, reaches storage or starts another context. What is not
 * listed here or in the engine-private list is removed, whatever it is.
 *
 * Some names are harmless by rule and are not listed (classification.ts): `X.prototype.constructor`
 * (the interface itself, which the global's own list classifies), `[Symbol.toStringTag]`,
 * constants, and every member of ECMAScript's own objects (`ECMASCRIPT_OWNERS`). The statics and
 * prototypes of the platform's constructors are in table-members.ts and table-members-media.ts.
 */

/** Owner label to the harmless names it holds. */
export type Section = Readonly<Record<string, readonly string[]>>;

const ECMASCRIPT = [
  'Object', 'Function', 'Array', 'Number', 'parseFloat', 'parseInt', 'Infinity', 'NaN', 'undefined', 'Boolean', 'String',
  'Symbol', 'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError',
  'SyntaxError', 'TypeError', 'URIError', 'SuppressedError', 'globalThis', 'JSON', 'Math', 'Intl', 'ArrayBuffer',
  // Only where the page is cross-origin isolated; the interrupt buffers need it.
  'SharedArrayBuffer', 'Atomics', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array',
  'BigUint64Array', 'BigInt64Array', 'Uint8ClampedArray', 'Float32Array', 'Float64Array', 'Float16Array', 'DataView',
  'Map', 'BigInt', 'Set', 'Iterator', 'WeakMap', 'WeakSet', 'Proxy', 'Reflect', 'FinalizationRegistry', 'WeakRef',
  'DisposableStack', 'AsyncDisposableStack', 'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent',
  'escape', 'unescape', 'isFinite', 'isNaN', 'Temporal', 'WebAssembly', 'console',
  // String evaluation is the Content-Security-Policy's to refuse, in the tiers that refuse it.
  'eval',
] as const;

/**
 * The ECMAScript globals whose statics, prototypes and nested objects (`Intl.Collator`,
 * `Temporal.PlainDate`, `%TypedArray%` above `Uint8Array`) are harmless whatever names they
 * hold: ECMA-262 and ECMA-402 define computation only, with no request, storage or other context.
 * A name the language adds there later is harmless too, so these are not listed name by name.
 */
export const ECMASCRIPT_OWNERS: ReadonlySet<string> = new Set<string>([
  ...ECMASCRIPT.filter((name) => name !== 'WebAssembly' && name !== 'console' && name !== 'globalThis'),
  'TypedArray',
]);

// The worker itself, its message channel to the page (Comlink needs postMessage and the
// message events), its clock, timers and event types.
const WORKER = [
  'name', 'onmessage', 'onmessageerror', 'postMessage', 'close', 'requestAnimationFrame', 'cancelAnimationFrame',
  'DedicatedWorkerGlobalScope', 'WorkerGlobalScope', 'WorkerNavigator', 'WorkerLocation', 'EventTarget', 'Event',
  'CustomEvent', 'ErrorEvent', 'MessageEvent', 'MessageChannel', 'MessagePort', 'PromiseRejectionEvent',
  'ProgressEvent', 'CloseEvent', 'DOMException', 'QuotaExceededError', 'AbortController', 'AbortSignal',
  'Observable', 'Subscriber', 'Scheduler', 'TaskController', 'TaskSignal', 'TaskPriorityChangeEvent',
  'Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver',
  'PerformanceObserverEntryList', 'PerformanceResourceTiming', 'PerformanceServerTiming', 'ReportingObserver',
  'ReportBody', 'SecurityPolicyViolationEvent', 'TrustedTypePolicyFactory', 'TrustedTypePolicy', 'TrustedHTML',
  'TrustedScript', 'TrustedScriptURL', 'Origin', 'UserActivation', 'NavigatorUAData',
] as const;

// Data in memory: URLs, text, bytes, streams, requests and responses as values (without fetch
// they go nowhere), crypto, geometry and CSS values.
const DATA = [
  'URL', 'URLSearchParams', 'URLPattern', 'TextEncoder', 'TextDecoder', 'TextEncoderStream', 'TextDecoderStream',
  'Blob', 'File', 'FileList', 'FileReader', 'FileReaderSync', 'FormData', 'Headers', 'Request', 'Response',
  'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamDefaultController', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'WritableStream', 'WritableStreamDefaultWriter',
  'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
  'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'CompressionStream', 'DecompressionStream', 'Crypto',
  'CryptoKey', 'SubtleCrypto', 'DOMMatrix', 'DOMMatrixReadOnly', 'DOMPoint', 'DOMPointReadOnly', 'DOMQuad', 'DOMRect',
  'DOMRectReadOnly', 'DOMStringList', 'CSSStyleValue', 'CSSUnparsedValue', 'CSSKeywordValue', 'CSSNumericValue',
  'CSSNumericArray', 'CSSUnitValue', 'CSSMathValue', 'CSSMathSum', 'CSSMathProduct', 'CSSMathNegate', 'CSSMathMin',
  'CSSMathMax', 'CSSMathInvert', 'CSSMathClamp', 'CSSSkewX', 'CSSSkewY',
] as const;

// Images, canvas and media codecs, all in memory. WebGL stays reachable through OffscreenCanvas
// whatever its interface objects do, so they are not pretended away: GPU work is no road out.
const MEDIA = [
  'ImageData', 'ImageBitmap', 'ImageBitmapRenderingContext', 'OffscreenCanvas', 'OffscreenCanvasRenderingContext2D',
  'Path2D', 'CanvasGradient', 'CanvasPattern', 'TextMetrics', 'VideoFrame', 'VideoColorSpace', 'EncodedVideoChunk',
  'EncodedAudioChunk', 'AudioData', 'AudioDecoder', 'AudioEncoder', 'VideoDecoder', 'VideoEncoder', 'ImageDecoder',
  'ImageTrack', 'ImageTrackList', 'MediaSource', 'MediaSourceHandle', 'SourceBuffer', 'SourceBufferList',
  'WebGLRenderingContext', 'WebGL2RenderingContext', 'WebGLObject', 'WebGLBuffer', 'WebGLFramebuffer', 'WebGLProgram',
  'WebGLQuery', 'WebGLRenderbuffer', 'WebGLSampler', 'WebGLShader', 'WebGLShaderPrecisionFormat', 'WebGLSync',
  'WebGLTexture', 'WebGLTransformFeedback', 'WebGLUniformLocation', 'WebGLVertexArrayObject', 'WebGLActiveInfo',
  'WebGLContextEvent',
] as const;

export const HARMLESS: Section = {
  self: [...ECMASCRIPT, ...WORKER, ...DATA, ...MEDIA],
  // Constants of the old file system API; they are plain numbers, and Chromium makes them permanent.
  'DedicatedWorkerGlobalScope.prototype': ['TEMPORARY', 'PERSISTENT'],
  'WorkerGlobalScope.prototype': [
    'self', 'location', 'navigator', 'origin', 'performance', 'trustedTypes', 'crypto', 'scheduler', 'isSecureContext',
    'crossOriginIsolated', 'onerror', 'onlanguagechange', 'onrejectionhandled', 'onunhandledrejection',
    'createImageBitmap', 'atob', 'btoa', 'queueMicrotask', 'reportError', 'structuredClone', 'setTimeout',
    'clearTimeout', 'setInterval', 'clearInterval',
  ],
  'EventTarget.prototype': ['addEventListener', 'removeEventListener', 'dispatchEvent', 'when'],
  'Object.prototype': [
    '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', '__proto__', 'hasOwnProperty',
    'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'toLocaleString', 'valueOf',
  ],
  console: [
    'debug', 'error', 'info', 'log', 'warn', 'dir', 'dirxml', 'table', 'trace', 'group', 'groupCollapsed', 'groupEnd',
    'clear', 'count', 'countReset', 'assert', 'profile', 'profileEnd', 'time', 'timeLog', 'timeEnd', 'timeStamp',
    'context', 'createTask',
  ],
  'WorkerNavigator.prototype': [
    'hardwareConcurrency', 'deviceMemory', 'appCodeName', 'appName', 'appVersion', 'platform', 'product', 'userAgent',
    'userAgentData', 'language', 'languages', 'onLine',
  ],
  'NavigatorUAData.prototype': ['brands', 'mobile', 'platform', 'getHighEntropyValues', 'toJSON'],
  'WorkerLocation.prototype': ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'toString'],
  'Performance.prototype': [
    'timeOrigin', 'now', 'mark', 'measure', 'clearMarks', 'clearMeasures', 'clearResourceTimings', 'getEntries',
    'getEntriesByName', 'getEntriesByType', 'setResourceTimingBufferSize', 'onresourcetimingbufferfull', 'toJSON',
  ],
  'Crypto.prototype': ['getRandomValues', 'randomUUID', 'subtle'],
  'SubtleCrypto.prototype': [
    'encrypt', 'decrypt', 'sign', 'verify', 'digest', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey',
    'wrapKey', 'unwrapKey', 'encapsulateKey', 'encapsulateBits', 'decapsulateKey', 'decapsulateBits', 'getPublicKey',
  ],
  'Scheduler.prototype': ['postTask', 'yield'],
  'TrustedTypePolicyFactory.prototype': [
    'createPolicy', 'defaultPolicy', 'emptyHTML', 'emptyScript', 'getAttributeType', 'getPropertyType', 'getTypeMapping',
    'isHTML', 'isScript', 'isScriptURL',
  ],
  'TrustedHTML.prototype': ['toJSON', 'toString'],
  'TrustedScript.prototype': ['toJSON', 'toString'],
};
