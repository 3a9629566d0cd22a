/**
 * The page's end of an engine worker (src/engines/worker-connection.ts): a `MessageChannel`
 * port made in the page's realm, one end of which goes to the worker in its first message.
 * It looks like a `Worker` to the engine host: messages go over the port, the worker's own
 * `error` events come through, and `terminate` ends the worker and whatever held it.
 */
import type { ConfinementExpectation } from '../engines/confinement';
import type { ConnectMessage } from '../engines/worker-connection';
import type { EngineWorker } from './engine-host';

export class ConnectedWorker extends EventTarget implements EngineWorker {
  private readonly port: MessagePort;
  private ended = false;

  /**
   * Connects to `worker`, which may belong to another realm (a policy frame's); `release`
   * runs once the worker is terminated, to drop what held it.
   */
  constructor(
    private readonly worker: Worker,
    expected: ConfinementExpectation | null,
    private readonly release: () => void = () => undefined,
  ) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.addEventListener('message', (event) => {
      const data: unknown = event.data;
      this.dispatchEvent(new MessageEvent('message', { data }));
    });
    port1.addEventListener('messageerror', () => {
      this.dispatchEvent(new MessageEvent('messageerror'));
    });
    port1.start();
    worker.addEventListener('error', (event) => {
      const forwarded = new ErrorEvent('error', { message: event.message, filename: event.filename, lineno: event.lineno, colno: event.colno, cancelable: true });
      this.dispatchEvent(forwarded);
      if (forwarded.defaultPrevented) event.preventDefault();
    });
    const connect: ConnectMessage = { type: 'connect', port: port2, expected };
    worker.postMessage(connect, [port2]);
  }

  postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
    if (this.ended) return;
    this.port.postMessage(message, Array.isArray(transfer) ? transfer : (transfer?.transfer ?? []));
  }

  terminate(): void {
    if (this.ended) return;
    this.ended = true;
    this.worker.terminate();
    this.port.close();
    this.release();
  }
}
