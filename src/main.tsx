import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import welcome from './examples/welcome.tars?raw';
import { createNotebook } from './runtime/notebook';
import { createPlaygroundApi, type PlaygroundApi } from './runtime/playground-api';
import { createSession } from './runtime/session';
import { registerOffline } from './share/offline';
import { openShareLinks } from './share/open-share-link';
import { workerFactories } from './runtime/worker-factories';
import { App } from './ui/App';
import { PlaygroundProvider } from './ui/playground-context';
import './ui/styles.css';

declare global {
  interface Window {
    /** The automation and embedding API (SPEC §8). */
    playground: PlaygroundApi;
  }
}

const notebook = createNotebook(welcome);
const session = createSession(notebook, workerFactories);
const [notice, setNotice] = createSignal<string | null>(null);
// A share link opens untrusted; a broken one keeps the welcome document and says why.
openShareLinks({ load: (text, options) => notebook.load(text, options), showError: setNotice }, window.location, window);
const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(
  () => (
    <PlaygroundProvider value={{ notebook, session, notice, setNotice }}>
      <App />
    </PlaygroundProvider>
  ),
  root,
);
// The UI is usable as soon as it has painted; engines load when their first cell runs.
const painted = new Promise<void>((resolve) => {
  requestAnimationFrame(() => {
    resolve();
  });
});
window.playground = createPlaygroundApi(notebook, session, painted);
// After the first visit the playground works offline, and isolated on hosts that send no headers.
registerOffline();
