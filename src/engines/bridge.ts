/**
 * The TARS bridge operations (SPEC §3), on top of the language-neutral engine contract. The
 * Python engine offers all of them; other engines offer the ones that make sense for them.
 */
import type { EngineContract, ExecuteOptions, ExecutionResult, VersionInfo } from './contract';
import type { StartupReport } from './python/snapshot';
import type { NeutralValue } from './value';

/** One global of the engine's user scope. */
export interface VariableInfo {
  readonly name: string;
  /** The language's own type name, such as `int` or `function`. */
  readonly type: string;
  /** A short text form of the value. */
  readonly preview: string;
  readonly isCallable: boolean;
}

/** What `importModule` learns about a module. */
export interface ModuleInfo {
  readonly name: string;
  /** `__version__`, or the installed distribution's version, or null. */
  readonly version: string | null;
  /** The first line of the module's docstring, or null. */
  readonly description: string | null;
  /** Public functions, sorted. */
  readonly functions: readonly string[];
  /** Public classes, sorted. */
  readonly classes: readonly string[];
}

/**
 * Where an installed package came from: Python's standard library, Pyodide's packages, a wheel
 * by URL, PyPI; for JavaScript, the vendored modules folder or the ESM package source.
 */
export type PackageSource = 'stdlib' | 'pyodide' | 'wheel' | 'pypi' | 'vendored' | 'esm';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly source: PackageSource;
}

/** The outcome of `installPackage`: a package that cannot be had is data, with a clear message. */
export interface InstallResult {
  readonly success: boolean;
  /** The packages now installed by this call, dependencies included. */
  readonly installed: readonly PackageInfo[];
  /** What happened, in words a user can act on. */
  readonly message: string;
}

/** Settings applied by `configureEnvironment`; each one is optional. */
export interface EnvironmentConfig {
  /** Packages to install first, by name or wheel URL. */
  readonly requiredPackages?: readonly string[];
  /** Merged into `os.environ`. */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /** Created if missing, then made the current directory. */
  readonly workingDirectory?: string;
  /** Folders put at the front of `sys.path`, in order. */
  readonly pythonPath?: readonly string[];
}

/** One entry of the document's virtual file system. */
export interface FileEntry {
  readonly path: string;
  readonly isDirectory: boolean;
  readonly size: number;
}

export interface BridgeContract extends EngineContract {
  /** Sets the given variables, then runs the code. */
  executeWithVariables(code: string, variables: Readonly<Record<string, NeutralValue>>, options?: ExecuteOptions): Promise<ExecutionResult>;
  /** Runs a file of the document's virtual file system as a script. */
  executeFile(path: string): Promise<ExecutionResult>;
  /** Lists the user's globals, leaving out modules and `_private` names; only `names`, when given. */
  getVariables(names?: readonly string[]): Promise<VariableInfo[]>;
  /** Imports a module and describes it; rejects when it cannot be imported. */
  importModule(name: string): Promise<ModuleInfo>;
  /** Installs a package by name or wheel URL. Never rejects for a package that cannot be had. */
  installPackage(nameOrUrl: string): Promise<InstallResult>;
  /** Lists installed packages with their versions and sources. */
  listPackages(): Promise<PackageInfo[]>;
  /** Whether a package is installed or could be installed now, without installing it. */
  isPackageAvailable(name: string): Promise<boolean>;
  /** Applies environment variables, the working directory, the module path and packages. */
  configureEnvironment(config: EnvironmentConfig): Promise<InstallResult>;
  /** The real language, runtime and platform versions (the same as `versionInfo`). */
  getVersionInfo(): Promise<VersionInfo>;
  /** Fresh globals and user modules, without restarting the worker. */
  resetEnvironment(): Promise<void>;
  /** Evaluates one expression; statements are a syntax error. */
  evaluateExpression(expression: string): Promise<ExecutionResult>;
  /** Whether the engine can be used here. */
  isAvailable(): Promise<boolean>;
  /** Writes a file into the virtual file system, making its folders. */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Reads a file from the virtual file system. */
  readFile(path: string): Promise<Uint8Array>;
  /** Lists a folder of the virtual file system, recursively. */
  listFiles(path?: string): Promise<FileEntry[]>;
  /** Makes a folder of the virtual file system, and the folders above it. */
  makeDirectory(path: string): Promise<void>;
  /** What a path of the virtual file system is: a file, a folder, or nothing. */
  pathKind(path: string): Promise<'file' | 'directory' | null>;
}

/** Engines that can be stopped mid-run without losing their state. */
export interface Interruptible {
  /**
   * Shares a flag with the main thread (on a SharedArrayBuffer): writing INTERRUPT_SIGNAL to it
   * stops code that is running, with an `interrupted` error, and the state is kept.
   */
  setInterruptBuffer(buffer: Int32Array | null): Promise<void>;
  /** Stops a run that is waiting rather than computing; a busy run needs the buffer. */
  interrupt(): Promise<void>;
}

/** The value written to an interrupt buffer to stop a run (SIGINT, as Pyodide reads it). */
export const INTERRUPT_SIGNAL = 2;

/** An engine that can say how it started (Python: from its start-up snapshot or not). */
export interface StartupReporting {
  /** How the last start went, or null before the engine has started. */
  startupReport(): Promise<StartupReport | null>;
}

/** What the Python engine offers across its worker. */
export type PythonBridgeContract = BridgeContract & Interruptible & StartupReporting;

/** What the JavaScript engine offers: the bridge, less the file and environment operations. */
export type JavaScriptBridgeContract = Omit<BridgeContract, 'executeFile' | 'configureEnvironment' | 'writeFile' | 'readFile' | 'listFiles' | 'makeDirectory' | 'pathKind'> & Interruptible;
