/**
 * The statics and prototype names of the platform constructors a worker keeps (table-harmless.ts),
 * as Chromium lays them out, except images, canvas and codecs (table-members-media.ts). Each works
 * on values in memory or on the worker's own events and messages: none opens a connection, reaches
 * storage or starts another context, and constants and ECMAScript's own objects are harmless by
 * rule (classification.ts). `URL.createObjectURL` is not here: a blob URL hands content to the
 * origin's other contexts (table-removed.ts).
 */
import type { Section } from './table-harmless';

/** The names as one string, as Chromium orders them. */
const names = (list: string): readonly string[] => list.split(' ');

export const MEMBERS: Section = {
  'AbortController.prototype': names('signal abort'),
  AbortSignal: names('abort any timeout'),
  'AbortSignal.prototype': names('aborted reason onabort throwIfAborted'),
  'Blob.prototype': names('size type arrayBuffer slice stream text bytes textStream'),
  'ByteLengthQueuingStrategy.prototype': names('highWaterMark size'),
  'CSSKeywordValue.prototype': names('value'),
  'CSSMathClamp.prototype': names('lower value upper'),
  'CSSMathInvert.prototype': names('value'),
  'CSSMathMax.prototype': names('values'),
  'CSSMathMin.prototype': names('values'),
  'CSSMathNegate.prototype': names('value'),
  'CSSMathProduct.prototype': names('values'),
  'CSSMathSum.prototype': names('values'),
  'CSSMathValue.prototype': names('operator'),
  'CSSNumericArray.prototype': names('entries keys values forEach length [Symbol.iterator]'),
  'CSSNumericValue.prototype': names('add div equals max min mul sub to toSum type'),
  'CSSSkewX.prototype': names('ax'),
  'CSSSkewY.prototype': names('ay'),
  'CSSStyleValue.prototype': names('toString'),
  'CSSTransformComponent.prototype': names('is2D toMatrix toString'),
  'CSSUnitValue.prototype': names('value unit'),
  'CSSUnparsedValue.prototype': names('entries keys values forEach length [Symbol.iterator]'),
  'CloseEvent.prototype': names('wasClean code reason'),
  'CompressionStream.prototype': names('readable writable'),
  'CountQueuingStrategy.prototype': names('highWaterMark size'),
  'CryptoKey.prototype': names('type extractable algorithm usages'),
  'CustomEvent.prototype': names('detail initCustomEvent'),
  'DOMException.prototype': names('code name message'),
  DOMMatrix: names('fromFloat32Array fromFloat64Array fromMatrix'),
  'DOMMatrix.prototype': names(
    'a b c d e f m11 m12 m13 m14 m21 m22 m23 m24 m31 m32 m33 m34 m41 m42 m43 m44 invertSelf multiplySelf ' +
    'preMultiplySelf rotateAxisAngleSelf rotateFromVectorSelf rotateSelf scale3dSelf scaleSelf skewXSelf skewYSelf ' +
    'translateSelf',
  ),
  DOMMatrixReadOnly: names('fromFloat32Array fromFloat64Array fromMatrix'),
  'DOMMatrixReadOnly.prototype': names(
    'a b c d e f m11 m12 m13 m14 m21 m22 m23 m24 m31 m32 m33 m34 m41 m42 m43 m44 is2D isIdentity flipX flipY ' +
    'inverse multiply rotate rotateAxisAngle rotateFromVector scale scale3d scaleNonUniform skewX skewY ' +
    'toFloat32Array toFloat64Array toJSON transformPoint translate',
  ),
  DOMPoint: names('fromPoint'),
  'DOMPoint.prototype': names('x y z w'),
  DOMPointReadOnly: names('fromPoint'),
  'DOMPointReadOnly.prototype': names('x y z w matrixTransform toJSON'),
  DOMQuad: names('fromQuad fromRect'),
  'DOMQuad.prototype': names('p1 p2 p3 p4 getBounds toJSON'),
  DOMRect: names('fromRect'),
  'DOMRect.prototype': names('x y width height'),
  DOMRectReadOnly: names('fromRect'),
  'DOMRectReadOnly.prototype': names('x y width height top right bottom left toJSON'),
  'DOMStringList.prototype': names('length contains item [Symbol.iterator]'),
  'DecompressionStream.prototype': names('readable writable'),
  'ErrorEvent.prototype': names('message filename lineno colno error'),
  'Event.prototype': names(
    'type target currentTarget eventPhase bubbles cancelable defaultPrevented composed timeStamp srcElement ' +
    'returnValue cancelBubble composedPath initEvent preventDefault stopImmediatePropagation stopPropagation',
  ),
  'File.prototype': names('name lastModified lastModifiedDate webkitRelativePath'),
  'FileList.prototype': names('length item [Symbol.iterator]'),
  'FileReader.prototype': names(
    'readyState result error onloadstart onprogress onload onabort onerror onloadend abort readAsArrayBuffer ' +
    'readAsBinaryString readAsDataURL readAsText',
  ),
  'FileReaderSync.prototype': names('readAsArrayBuffer readAsBinaryString readAsDataURL readAsText'),
  'FormData.prototype': names('append delete get getAll has set entries forEach keys values [Symbol.iterator]'),
  'Headers.prototype': names('append delete get getSetCookie has set entries forEach keys values [Symbol.iterator]'),
  'MessageChannel.prototype': names('port1 port2'),
  'MessageEvent.prototype': names('data origin lastEventId source ports userActivation initMessageEvent'),
  'MessagePort.prototype': names('onmessage onmessageerror close postMessage start'),
  Observable: names('from'),
  'Observable.prototype': names(
    'catch drop every filter finally find first flatMap forEach inspect last map reduce some subscribe switchMap ' +
    'take takeUntil toArray',
  ),
  Origin: names('from'),
  'Origin.prototype': names('opaque isSameOrigin isSameSite'),
  'PerformanceEntry.prototype': names('name entryType startTime duration navigationId toJSON'),
  'PerformanceMark.prototype': names('detail'),
  'PerformanceMeasure.prototype': names('detail'),
  PerformanceObserver: names('supportedEntryTypes'),
  'PerformanceObserver.prototype': names('disconnect observe takeRecords'),
  'PerformanceObserverEntryList.prototype': names('getEntries getEntriesByName getEntriesByType'),
  'PerformanceResourceTiming.prototype': names(
    'initiatorType nextHopProtocol deliveryType workerStart redirectStart redirectEnd fetchStart domainLookupStart ' +
    'domainLookupEnd connectStart connectEnd secureConnectionStart requestStart responseStart responseEnd ' +
    'transferSize encodedBodySize decodedBodySize serverTiming renderBlockingStatus responseStatus contentType ' +
    'contentEncoding finalResponseHeadersStart firstInterimResponseStart toJSON workerRouterEvaluationStart ' +
    'workerCacheLookupStart workerMatchedSourceType workerFinalSourceType',
  ),
  'PerformanceServerTiming.prototype': names('name duration description toJSON'),
  'ProgressEvent.prototype': names('lengthComputable loaded total'),
  'PromiseRejectionEvent.prototype': names('promise reason'),
  'QuotaExceededError.prototype': names('quota requested'),
  'ReadableByteStreamController.prototype': names('byobRequest desiredSize close enqueue error'),
  'ReadableStream.prototype': names('locked cancel getReader pipeThrough pipeTo tee values [Symbol.asyncIterator]'),
  'ReadableStreamBYOBReader.prototype': names('read releaseLock closed cancel'),
  'ReadableStreamBYOBRequest.prototype': names('view respond respondWithNewView'),
  'ReadableStreamDefaultController.prototype': names('desiredSize close enqueue error'),
  'ReadableStreamDefaultReader.prototype': names('read releaseLock closed cancel'),
  'ReportBody.prototype': names('toJSON'),
  'ReportingObserver.prototype': names('disconnect observe takeRecords'),
  'Request.prototype': names(
    'method url headers destination referrer referrerPolicy mode credentials cache redirect integrity keepalive ' +
    'signal duplex isHistoryNavigation bodyUsed arrayBuffer blob clone formData json text targetAddressSpace ' +
    'isReloadNavigation body bytes textStream',
  ),
  Response: names('error json redirect'),
  'Response.prototype': names(
    'type url redirected status ok statusText headers body bodyUsed arrayBuffer blob clone formData json text bytes ' +
    'textStream',
  ),
  'SecurityPolicyViolationEvent.prototype': names(
    'documentURI referrer blockedURI violatedDirective effectiveDirective originalPolicy disposition sourceFile ' +
    'statusCode lineNumber columnNumber sample',
  ),
  'Subscriber.prototype': names('active signal addTeardown complete error next'),
  SubtleCrypto: names('supports'),
  'TaskController.prototype': names('setPriority'),
  'TaskPriorityChangeEvent.prototype': names('previousPriority'),
  TaskSignal: names('any'),
  'TaskSignal.prototype': names('priority onprioritychange'),
  'TextDecoder.prototype': names('encoding fatal ignoreBOM decode'),
  'TextDecoderStream.prototype': names('encoding fatal ignoreBOM readable writable'),
  'TextEncoder.prototype': names('encoding encode encodeInto'),
  'TextEncoderStream.prototype': names('encoding readable writable'),
  'TransformStream.prototype': names('readable writable'),
  'TransformStreamDefaultController.prototype': names('desiredSize enqueue error terminate'),
  'TrustedScriptURL.prototype': names('toJSON toString'),
  'TrustedTypePolicy.prototype': names('name createHTML createScript createScriptURL'),
  URL: names('canParse parse'),
  'URL.prototype': names('origin protocol username password host hostname port pathname search searchParams hash href toJSON toString'),
  'URLPattern.prototype': names('protocol username password hostname port pathname search hash hasRegExpGroups exec test'),
  'URLSearchParams.prototype': names('size append delete get getAll has set sort toString entries forEach keys values [Symbol.iterator]'),
  'UserActivation.prototype': names('hasBeenActive isActive'),
  WebAssembly: names(
    'compile validate instantiate Module Instance Table Memory Global Tag JSTag Exception CompileError LinkError ' +
    'RuntimeError compileStreaming instantiateStreaming Suspending promising SuspendError',
  ),
  'WebAssembly.CompileError.prototype': names('name message'),
  'WebAssembly.Exception.prototype': names('getArg is stack'),
  'WebAssembly.Global.prototype': names('valueOf value'),
  'WebAssembly.Instance.prototype': names('exports'),
  'WebAssembly.LinkError.prototype': names('name message'),
  'WebAssembly.Memory.prototype': names('grow buffer toFixedLengthBuffer toResizableBuffer'),
  'WebAssembly.Module': names('imports exports customSections'),
  'WebAssembly.RuntimeError.prototype': names('name message'),
  'WebAssembly.SuspendError.prototype': names('name message'),
  'WebAssembly.Table.prototype': names('length grow set get'),
  'WritableStream.prototype': names('locked abort close getWriter'),
  'WritableStreamDefaultController.prototype': names('signal error'),
  'WritableStreamDefaultWriter.prototype': names('closed desiredSize ready abort close releaseLock write'),
};
