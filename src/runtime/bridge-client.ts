/**
 * The bridge operations of an engine, called from the main thread through its worker. Each
 * call starts the engine if needed and shows it busy while it runs.
 */
import type { JavaScriptBridgeContract, PythonBridgeContract } from '../engines/bridge';
import type { NeutralValue } from '../engines/value';
import type { EngineHost } from './engine-host';

// The policy is the session's to set, from the document and the user's consent, never an embedder's.
// WASM modules come from the document's WASM cells, and cells run, through the session, which
// also moves values between the engines in their packed forms; embedders use neutral values.
type Lifecycle = 'init' | 'dispose' | 'setInterruptBuffer' | 'interrupt' | 'setPolicy' | 'loadWasm' | 'takeWasmChanges' | 'runCell' | 'exportValue' | 'importValue';

/** The JavaScript bridge operations a page or embedder may call. */
export type JavaScriptClient = Omit<JavaScriptBridgeContract, Lifecycle>;

/** The Python bridge operations a page or embedder may call. */
export type PythonClient = Omit<PythonBridgeContract, Lifecycle>;

/** The operations both engines offer; the Python client adds files and the environment. */
export function createJavaScriptClient(host: EngineHost<JavaScriptBridgeContract>): JavaScriptClient {
  return {
    execute: (code, options) => host.call((remote) => remote.execute(code, options)),
    executeWithVariables: (code, variables, options) => host.call((remote) => remote.executeWithVariables(code, variables, options)),
    evaluateExpression: (expression) => host.call((remote) => remote.evaluateExpression(expression)),
    getVariables: (names) => host.call((remote) => remote.getVariables(names)),
    // Comlink types a union result as a union of promises; awaiting it here merges them back.
    getVariable: (name) => host.call(async (remote): Promise<NeutralValue | undefined> => await remote.getVariable(name)),
    setVariable: (name, value) => host.call((remote) => remote.setVariable(name, value)),
    importModule: (name) => host.call((remote) => remote.importModule(name)),
    installPackage: (nameOrUrl) => host.call((remote) => remote.installPackage(nameOrUrl)),
    listPackages: () => host.call((remote) => remote.listPackages()),
    isPackageAvailable: (name) => host.call((remote) => remote.isPackageAvailable(name)),
    getVersionInfo: () => host.call((remote) => remote.getVersionInfo()),
    versionInfo: () => host.call((remote) => remote.versionInfo()),
    resetEnvironment: () => host.call((remote) => remote.resetEnvironment()),
    reset: () => host.call((remote) => remote.reset()),
    isAvailable: () => host.call((remote) => remote.isAvailable()),
    analyzeReads: (code) => host.call((remote) => remote.analyzeReads(code)),
    confinement: () => host.call((remote) => remote.confinement()),
  };
}

export function createPythonClient(host: EngineHost<PythonBridgeContract>): PythonClient {
  return {
    ...createJavaScriptClient(host),
    executeFile: (path) => host.call((remote) => remote.executeFile(path)),
    configureEnvironment: (config) => host.call((remote) => remote.configureEnvironment(config)),
    writeFile: (path, data) => host.call((remote) => remote.writeFile(path, data)),
    readFile: (path) => host.call((remote) => remote.readFile(path)),
    listFiles: (path) => host.call((remote) => remote.listFiles(path)),
    makeDirectory: (path) => host.call((remote) => remote.makeDirectory(path)),
    pathKind: (path) => host.call((remote) => remote.pathKind(path)),
    startupReport: () => host.call((remote) => remote.startupReport()),
  };
}
