/**
 * The statics and prototype names of the image, canvas, WebGL and codec constructors a worker
 * keeps (table-harmless.ts), as Chromium lays them out. All of them compute in memory or on the
 * GPU; `OffscreenCanvas.prototype.getContext('webgpu')` gives a context that needs a device, and
 * `navigator.gpu`, the only way to one, is removed. WebGL's many constants are harmless by rule.
 */
import type { Section } from './table-harmless';

/** The names as one string, as Chromium orders them. */
const names = (list: string): readonly string[] => list.split(' ');

export const MEDIA_MEMBERS: Section = {
  'AudioData.prototype': names('format sampleRate numberOfFrames numberOfChannels duration timestamp allocationSize clone close copyTo'),
  AudioDecoder: names('isConfigSupported'),
  'AudioDecoder.prototype': names('decodeQueueSize ondequeue state close configure decode flush reset'),
  AudioEncoder: names('isConfigSupported'),
  'AudioEncoder.prototype': names('encodeQueueSize ondequeue state close configure encode flush reset'),
  'CanvasGradient.prototype': names('addColorStop'),
  'CanvasPattern.prototype': names('setTransform'),
  'EncodedAudioChunk.prototype': names('type timestamp byteLength duration copyTo'),
  'EncodedVideoChunk.prototype': names('type timestamp duration byteLength copyTo'),
  'ImageBitmap.prototype': names('width height close'),
  'ImageBitmapRenderingContext.prototype': names('canvas transferFromImageBitmap'),
  'ImageData.prototype': names('width height colorSpace data pixelFormat'),
  ImageDecoder: names('isTypeSupported'),
  'ImageDecoder.prototype': names('type complete completed tracks close decode reset'),
  'ImageTrack.prototype': names('frameCount animated repetitionCount selected'),
  'ImageTrackList.prototype': names('length selectedIndex selectedTrack ready [Symbol.iterator]'),
  MediaSource: names('canConstructInDedicatedWorker isTypeSupported'),
  'MediaSource.prototype': names(
    'sourceBuffers activeSourceBuffers duration onsourceopen onsourceended onsourceclose readyState addSourceBuffer ' +
    'clearLiveSeekableRange endOfStream removeSourceBuffer setLiveSeekableRange handle',
  ),
  'OffscreenCanvas.prototype': names('width height oncontextlost oncontextrestored convertToBlob getContext transferToImageBitmap'),
  'OffscreenCanvasRenderingContext2D.prototype': names(
    'canvas lang font textAlign textBaseline direction fontKerning fontStretch fontVariantCaps letterSpacing ' +
    'textRendering wordSpacing globalCompositeOperation filter imageSmoothingQuality strokeStyle fillStyle ' +
    'shadowColor lineCap lineJoin globalAlpha imageSmoothingEnabled shadowOffsetX shadowOffsetY shadowBlur ' +
    'lineWidth miterLimit lineDashOffset clip createConicGradient createImageData createLinearGradient ' +
    'createPattern createRadialGradient drawImage fill fillText getImageData getLineDash getTransform isContextLost ' +
    'isPointInPath isPointInStroke measureText reset roundRect setLineDash strokeText arc arcTo beginPath ' +
    'bezierCurveTo clearRect closePath ellipse fillRect lineTo moveTo putImageData quadraticCurveTo rect ' +
    'resetTransform restore rotate save scale setTransform stroke strokeRect transform translate ' +
    'getContextAttributes',
  ),
  'Path2D.prototype': names('addPath roundRect arc arcTo bezierCurveTo closePath ellipse lineTo moveTo quadraticCurveTo rect'),
  'SourceBuffer.prototype': names(
    'mode updating buffered timestampOffset appendWindowStart appendWindowEnd onupdatestart onupdate onupdateend ' +
    'onerror onabort abort appendBuffer changeType remove',
  ),
  'SourceBufferList.prototype': names('length onaddsourcebuffer onremovesourcebuffer [Symbol.iterator]'),
  'TextMetrics.prototype': names(
    'width actualBoundingBoxLeft actualBoundingBoxRight fontBoundingBoxAscent fontBoundingBoxDescent ' +
    'actualBoundingBoxAscent actualBoundingBoxDescent hangingBaseline alphabeticBaseline ideographicBaseline',
  ),
  'VideoColorSpace.prototype': names('primaries transfer matrix fullRange toJSON'),
  VideoDecoder: names('isConfigSupported'),
  'VideoDecoder.prototype': names('decodeQueueSize ondequeue state close configure decode flush reset'),
  VideoEncoder: names('isConfigSupported'),
  'VideoEncoder.prototype': names('encodeQueueSize ondequeue state close configure encode flush reset'),
  'VideoFrame.prototype': names(
    'format timestamp duration codedWidth codedHeight codedRect visibleRect rotation flip displayWidth ' +
    'displayHeight colorSpace allocationSize clone close copyTo metadata',
  ),
  'WebGL2RenderingContext.prototype': names(
    'canvas drawingBufferWidth drawingBufferHeight drawingBufferColorSpace unpackColorSpace activeTexture ' +
    'attachShader beginQuery beginTransformFeedback bindAttribLocation bindBufferBase bindBufferRange ' +
    'bindRenderbuffer bindSampler bindTransformFeedback bindVertexArray blendColor blendEquation ' +
    'blendEquationSeparate blendFunc blendFuncSeparate blitFramebuffer bufferData bufferSubData ' +
    'checkFramebufferStatus clientWaitSync compileShader compressedTexImage2D compressedTexImage3D ' +
    'compressedTexSubImage2D compressedTexSubImage3D copyBufferSubData copyTexImage2D copyTexSubImage2D ' +
    'copyTexSubImage3D createBuffer createFramebuffer createProgram createQuery createRenderbuffer createSampler ' +
    'createShader createTexture createTransformFeedback createVertexArray cullFace deleteBuffer deleteFramebuffer ' +
    'deleteProgram deleteQuery deleteRenderbuffer deleteSampler deleteShader deleteSync deleteTexture ' +
    'deleteTransformFeedback deleteVertexArray depthFunc depthMask depthRange detachShader disable ' +
    'drawArraysInstanced drawElementsInstanced drawRangeElements enable endQuery endTransformFeedback fenceSync ' +
    'finish flush framebufferRenderbuffer framebufferTexture2D framebufferTextureLayer frontFace generateMipmap ' +
    'getActiveAttrib getActiveUniform getActiveUniformBlockName getActiveUniformBlockParameter getActiveUniforms ' +
    'getAttachedShaders getAttribLocation getBufferParameter getBufferSubData getContextAttributes getError ' +
    'getExtension getFragDataLocation getFramebufferAttachmentParameter getIndexedParameter ' +
    'getInternalformatParameter getParameter getProgramInfoLog getProgramParameter getQuery getQueryParameter ' +
    'getRenderbufferParameter getSamplerParameter getShaderInfoLog getShaderParameter getShaderPrecisionFormat ' +
    'getShaderSource getSupportedExtensions getSyncParameter getTexParameter getTransformFeedbackVarying getUniform ' +
    'getUniformBlockIndex getUniformIndices getUniformLocation getVertexAttrib getVertexAttribOffset hint ' +
    'invalidateFramebuffer invalidateSubFramebuffer isBuffer isContextLost isEnabled isFramebuffer isProgram ' +
    'isQuery isRenderbuffer isSampler isShader isSync isTexture isTransformFeedback isVertexArray lineWidth ' +
    'linkProgram pauseTransformFeedback pixelStorei polygonOffset readBuffer readPixels renderbufferStorage ' +
    'renderbufferStorageMultisample resumeTransformFeedback sampleCoverage samplerParameterf samplerParameteri ' +
    'shaderSource stencilFunc stencilFuncSeparate stencilMask stencilMaskSeparate stencilOp stencilOpSeparate ' +
    'texImage2D texImage3D texParameterf texParameteri texStorage2D texStorage3D texSubImage2D texSubImage3D ' +
    'transformFeedbackVaryings uniform1ui uniform2ui uniform3ui uniform4ui uniformBlockBinding useProgram ' +
    'validateProgram vertexAttribDivisor vertexAttribI4i vertexAttribI4ui vertexAttribIPointer waitSync bindBuffer ' +
    'bindFramebuffer bindTexture clear clearBufferfi clearBufferfv clearBufferiv clearBufferuiv clearColor ' +
    'clearDepth clearStencil colorMask disableVertexAttribArray drawArrays drawBuffers drawElements ' +
    'enableVertexAttribArray scissor uniform1f uniform1fv uniform1i uniform1iv uniform1uiv uniform2f uniform2fv ' +
    'uniform2i uniform2iv uniform2uiv uniform3f uniform3fv uniform3i uniform3iv uniform3uiv uniform4f uniform4fv ' +
    'uniform4i uniform4iv uniform4uiv uniformMatrix2fv uniformMatrix2x3fv uniformMatrix2x4fv uniformMatrix3fv ' +
    'uniformMatrix3x2fv uniformMatrix3x4fv uniformMatrix4fv uniformMatrix4x2fv uniformMatrix4x3fv vertexAttrib1f ' +
    'vertexAttrib1fv vertexAttrib2f vertexAttrib2fv vertexAttrib3f vertexAttrib3fv vertexAttrib4f vertexAttrib4fv ' +
    'vertexAttribI4iv vertexAttribI4uiv vertexAttribPointer viewport drawingBufferFormat drawingBufferStorage ' +
    'makeXRCompatible',
  ),
  'WebGLActiveInfo.prototype': names('size type name'),
  'WebGLContextEvent.prototype': names('statusMessage'),
  'WebGLRenderingContext.prototype': names(
    'canvas drawingBufferWidth drawingBufferHeight drawingBufferColorSpace unpackColorSpace activeTexture ' +
    'attachShader bindAttribLocation bindRenderbuffer blendColor blendEquation blendEquationSeparate blendFunc ' +
    'blendFuncSeparate bufferData bufferSubData checkFramebufferStatus compileShader compressedTexImage2D ' +
    'compressedTexSubImage2D copyTexImage2D copyTexSubImage2D createBuffer createFramebuffer createProgram ' +
    'createRenderbuffer createShader createTexture cullFace deleteBuffer deleteFramebuffer deleteProgram ' +
    'deleteRenderbuffer deleteShader deleteTexture depthFunc depthMask depthRange detachShader disable enable ' +
    'finish flush framebufferRenderbuffer framebufferTexture2D frontFace generateMipmap getActiveAttrib ' +
    'getActiveUniform getAttachedShaders getAttribLocation getBufferParameter getContextAttributes getError ' +
    'getExtension getFramebufferAttachmentParameter getParameter getProgramInfoLog getProgramParameter ' +
    'getRenderbufferParameter getShaderInfoLog getShaderParameter getShaderPrecisionFormat getShaderSource ' +
    'getSupportedExtensions getTexParameter getUniform getUniformLocation getVertexAttrib getVertexAttribOffset ' +
    'hint isBuffer isContextLost isEnabled isFramebuffer isProgram isRenderbuffer isShader isTexture lineWidth ' +
    'linkProgram pixelStorei polygonOffset readPixels renderbufferStorage sampleCoverage shaderSource stencilFunc ' +
    'stencilFuncSeparate stencilMask stencilMaskSeparate stencilOp stencilOpSeparate texImage2D texParameterf ' +
    'texParameteri texSubImage2D useProgram validateProgram bindBuffer bindFramebuffer bindTexture clear clearColor ' +
    'clearDepth clearStencil colorMask disableVertexAttribArray drawArrays drawElements enableVertexAttribArray ' +
    'scissor uniform1f uniform1fv uniform1i uniform1iv uniform2f uniform2fv uniform2i uniform2iv uniform3f ' +
    'uniform3fv uniform3i uniform3iv uniform4f uniform4fv uniform4i uniform4iv uniformMatrix2fv uniformMatrix3fv ' +
    'uniformMatrix4fv vertexAttrib1f vertexAttrib1fv vertexAttrib2f vertexAttrib2fv vertexAttrib3f vertexAttrib3fv ' +
    'vertexAttrib4f vertexAttrib4fv vertexAttribPointer viewport drawingBufferFormat drawingBufferStorage ' +
    'makeXRCompatible',
  ),
  'WebGLShaderPrecisionFormat.prototype': names('rangeMin rangeMax precision'),
};
