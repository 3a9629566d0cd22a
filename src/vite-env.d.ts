/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL for Pyodide packages that were not vendored; `none` keeps the app offline-only. */
  readonly VITE_PYODIDE_PACKAGE_BASE_URL?: string;
  /** micropip's index URL template for PyPI names; `none` switches PyPI off. */
  readonly VITE_PYPI_INDEX_URL?: string;
  /** ESM package base URL for JavaScript imports of names that are not vendored; `none` for offline only. */
  readonly VITE_ESM_BASE_URL?: string;
}
