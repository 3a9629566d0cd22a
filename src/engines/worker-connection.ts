/**
 * How the page and an engine worker connect (SPEC §5). The page makes a `MessageChannel` and
 * posts one of its ports to the worker in the first message, with what the worker's policy
 * self-test must prove; the worker proves it, builds its engine and serves it over Comlink on
 * that port. The page keeps the other port, made in its own realm, so everything the engine
 * sends arrives as the page's own objects even when the worker was made from a policy frame
 * (src/runtime/worker-factories.ts), whose realm is not the page's.
 */
import { expose } from 'comlink';
import type { ConfinementExpectation } from './confinement';

/** The page's first message to an engine worker. */
export interface ConnectMessage {
  readonly type: 'connect';
  /** The worker's end of the channel the engine is served on. */
  readonly port: MessagePort;
  /** What the worker's self-test must prove; null for an open (Unrestricted) worker. */
  readonly expected: ConfinementExpectation | null;
}

function isExpectation(value: unknown): value is ConfinementExpectation {
  if (typeof value !== 'object' || value === null) return false;
  const tier: unknown = Reflect.get(value, 'tier');
  const origins: unknown = Reflect.get(value, 'refusedOrigins');
  return (tier === 'restrictive' || tier === 'standard') && Array.isArray(origins) && origins.every((origin) => typeof origin === 'string');
}

export function isConnectMessage(value: unknown): value is ConnectMessage {
  if (typeof value !== 'object' || value === null || Reflect.get(value, 'type') !== 'connect') return false;
  const port: unknown = Reflect.get(value, 'port');
  const expected: unknown = Reflect.get(value, 'expected');
  return typeof MessagePort === 'function' && port instanceof MessagePort && (expected === null || isExpectation(expected));
}

/**
 * In a worker: waits for the page's connect message, then serves what `build` makes (given what
 * the self-test must prove) on its port. A build that fails is reported as the worker's own
 * error, which the page takes as a failed start.
 */
export function serveEngine(build: (expected: ConfinementExpectation | null) => Promise<object>): void {
  const onMessage = (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isConnectMessage(message)) return;
    removeEventListener('message', onMessage);
    build(message.expected).then(
      (engine) => {
        expose(engine, message.port);
      },
      (error: unknown) => {
        reportError(error);
      },
    );
  };
  addEventListener('message', onMessage);
}
