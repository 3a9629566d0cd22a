import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import welcome from './examples/welcome.tars?raw';
import { createNotebook } from './runtime/notebook';
import { createPlaygroundApi, type PlaygroundApi } from './runtime/playground-api';
import { createSession } from './runtime/session';
import { pageKeeper, registerOffline, startingInKeptPage } from './share/offline';
import { createAutosave, onPageHide, watchEdits } from './share/autosave';
import { createFallbackStore } from './share/fallback-store';
import { createIndexedDbStore } from './share/indexeddb-store';
import { openShareLinks } from './share/open-share-link';
import { fetchText, openStartDocument } from './share/open-start-document';
import { addressWithoutDocument, planStart } from './share/start-document';
import { createUnsavedJournal } from './share/unsaved-journal';
import { workerFactories } from './runtime/worker-factories';
import { App } from './ui/App';
import { DocumentsProvider } from './ui/documents-context';
import { PlaygroundProvider } from './ui/playground-context';
import './ui/styles.css';

declare global {
  interface Window {
    /** The automation and embedding API (SPEC §8). */
    playground: PlaygroundApi;
  }
}

const notebook = createNotebook(welcome);
// An engine started here keeps the page from its isolation reload, which would lose the engine's run.
// No engine starts in a page whose reload has begun.
const session = createSession(notebook, {
  python: startingInKeptPage(pageKeeper, workerFactories.python),
  javascript: startingInKeptPage(pageKeeper, workerFactories.javascript),
});
const [notice, setNotice] = createSignal<string | null>(null);
const store = createFallbackStore(createIndexedDbStore(), () => {
  setNotice('This browser does not let the playground save documents (private browsing, or storage is full), so a reload will lose your edits. Use File ▸ Save as .tars to keep a copy.');
});
const journal = createUnsavedJournal();
const autosave = createAutosave({ notebook, store, onPageHide, journal, warn: setNotice });
watchEdits(notebook, autosave);
// The first document, in SPEC §8's order: a share link (untrusted), ?src, ?example, the
// autosaved document, the welcome document. The page is drawn once it is known, so that the
// welcome document does not flash before the saved one.
const started = openStartDocument({
  request: planStart(window.location.href, import.meta.env.BASE_URL),
  notebook,
  store,
  autosave,
  journal,
  openLinks: (target) => openShareLinks(target, window.location, window),
  fetchText: (url) => fetchText(url),
  setNotice,
  forgetAddress: () => {
    window.history.replaceState(window.history.state, '', addressWithoutDocument(window.location.href));
  },
});
const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
// The UI is usable as soon as it has painted; engines load when their first cell runs.
const painted = started.then(
  () =>
    new Promise<void>((resolve) => {
      render(
        () => (
          <PlaygroundProvider value={{ notebook, session, notice, setNotice }}>
            <DocumentsProvider value={{ store, autosave }}>
              <App />
            </DocumentsProvider>
          </PlaygroundProvider>
        ),
        root,
      );
      requestAnimationFrame(() => {
        resolve();
      });
    }),
);
// A script that waits for ready() must keep its page; in a page already reloading it never resolves.
window.playground = createPlaygroundApi(notebook, session, () => (pageKeeper.keep() ? painted : new Promise<void>(() => undefined)));
// After the first visit the playground works offline, and isolated on hosts that send no headers.
void registerOffline();
