/**
 * The names taken off a worker before user code runs (SPEC §5), by the road each one opens.
 * Anything the walker finds that no table lists is removed as well; these lists say why a
 * known name goes, and which of them a policy that allows the network gives back.
 */
import type { Section } from './table-harmless';

/** Why a name is removed. Only `network` comes back, under a policy that allows the network. */
export type Road = 'network' | 'storage' | 'contexts' | 'devices';

/**
 * Taken off the scope and kept in a closure: the engine lends it for its own package loads,
 * and a policy that allows the network puts it back.
 */
export const ENGINE_PRIVATE: Section = {
  'WorkerGlobalScope.prototype': ['fetch'],
};

export const REMOVED: Readonly<Record<Road, Section>> = {
  // Requests and connections. The Content-Security-Policy refuses them too in the restricted
  // tiers; taking them off as well means a tier without one (Unrestricted before consent, a
  // host where the policy failed) is not open by them.
  network: {
    self: [
      'XMLHttpRequest', 'XMLHttpRequestEventTarget', 'XMLHttpRequestUpload', 'WebSocket', 'WebSocketStream',
      'WebSocketError', 'EventSource', 'WebTransport', 'WebTransportBidirectionalStream',
      'WebTransportDatagramDuplexStream', 'WebTransportError', 'FontFace', 'FontFaceSet', 'RTCDataChannel',
      'RTCTransformEvent', 'RTCRtpScriptTransformer', 'RTCEncodedVideoFrame', 'RTCEncodedAudioFrame', 'onrtctransform',
    ],
    'WorkerGlobalScope.prototype': ['importScripts', 'fonts'],
  },
  // Storage the page and later runs can see, which no Content-Security-Policy covers. Never
  // given back: a cell that could write it could plant data for the engine's own stores.
  storage: {
    self: [
      'IDBFactory', 'IDBDatabase', 'IDBTransaction', 'IDBRequest', 'IDBOpenDBRequest', 'IDBObjectStore', 'IDBIndex',
      'IDBCursor', 'IDBCursorWithValue', 'IDBKeyRange', 'IDBRecord', 'IDBVersionChangeEvent', 'Cache', 'CacheStorage',
      'StorageManager', 'StorageBucket', 'StorageBucketManager', 'FileSystemHandle', 'FileSystemDirectoryHandle',
      'FileSystemFileHandle', 'FileSystemSyncAccessHandle', 'FileSystemWritableFileStream', 'FileSystemObserver',
      'webkitRequestFileSystem', 'webkitRequestFileSystemSync', 'webkitResolveLocalFileSystemURL',
      'webkitResolveLocalFileSystemSyncURL',
    ],
    'WorkerGlobalScope.prototype': ['indexedDB', 'caches'],
    'WorkerNavigator.prototype': ['storage', 'storageBuckets'],
  },
  // Other contexts: a nested worker has a fresh scope with everything above, and channels,
  // locks and service-worker features talk to other tabs of the origin. A blob URL hands what
  // a cell made to every context of the origin while the worker lives (the page could be led
  // to open it as a document of its own origin); nothing in the worker needs one.
  contexts: {
    URL: ['createObjectURL', 'revokeObjectURL'],
    self: [
      'Worker', 'BroadcastChannel', 'Lock', 'LockManager', 'ServiceWorkerRegistration', 'NavigationPreloadManager',
      'PushManager', 'PushSubscription', 'PushSubscriptionOptions', 'SyncManager', 'PeriodicSyncManager',
      'BackgroundFetchManager', 'BackgroundFetchRecord', 'BackgroundFetchRegistration', 'Notification',
    ],
    'WorkerNavigator.prototype': ['locks'],
  },
  // Devices, permissions and what the machine tells about itself; a cell needs none of them.
  devices: {
    self: [
      'GPU', 'GPUAdapter', 'GPUAdapterInfo', 'GPUBindGroup', 'GPUBindGroupLayout', 'GPUBuffer', 'GPUBufferUsage',
      'GPUCanvasContext', 'GPUColorWrite', 'GPUCommandBuffer', 'GPUCommandEncoder', 'GPUCompilationInfo',
      'GPUCompilationMessage', 'GPUComputePassEncoder', 'GPUComputePipeline', 'GPUDevice', 'GPUDeviceLostInfo',
      'GPUError', 'GPUExternalTexture', 'GPUInternalError', 'GPUMapMode', 'GPUOutOfMemoryError', 'GPUPipelineError',
      'GPUPipelineLayout', 'GPUQuerySet', 'GPUQueue', 'GPURenderBundle', 'GPURenderBundleEncoder',
      'GPURenderPassEncoder', 'GPURenderPipeline', 'GPUSampler', 'GPUShaderModule', 'GPUShaderStage',
      'GPUSupportedFeatures', 'GPUSupportedLimits', 'GPUTexture', 'GPUTextureUsage', 'GPUTextureView',
      'GPUUncapturedErrorEvent', 'GPUValidationError', 'WGSLLanguageFeatures', 'HID', 'HIDConnectionEvent', 'HIDDevice',
      'HIDInputReportEvent', 'Serial', 'SerialPort', 'USB', 'USBAlternateInterface', 'USBConfiguration',
      'USBConnectionEvent', 'USBDevice', 'USBEndpoint', 'USBInTransferResult', 'USBInterface',
      'USBIsochronousInTransferPacket', 'USBIsochronousInTransferResult', 'USBIsochronousOutTransferPacket',
      'USBIsochronousOutTransferResult', 'USBOutTransferResult', 'Permissions', 'PermissionStatus', 'IdleDetector',
      'PressureObserver', 'PressureRecord', 'NetworkInformation', 'MediaCapabilities', 'CropTarget',
      'RestrictionTarget', 'CreateMonitor',
    ],
    'WorkerNavigator.prototype': ['gpu', 'hid', 'serial', 'usb', 'permissions', 'connection', 'mediaCapabilities'],
  },
};
