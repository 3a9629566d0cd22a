// A bare Comlink endpoint: the cost of a call with nothing behind it.
import { expose } from 'comlink';

expose({
  noop(): void {
    // Nothing: the call itself is what is measured.
  },
});
