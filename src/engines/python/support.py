"""The playground's Python support code.

It is installed in Pyodide before any user code runs. It compiles and runs cells, and turns
exceptions into plain dicts that keep only user frames, in the cell's own line numbers. It
gives cells display() and shows rich values and matplotlib figures. It also answers the
bridge's questions about variables, modules and packages.
"""

import array
import ast
import base64
import builtins
import importlib
import importlib.metadata
import importlib.util
import inspect
import io
import itertools
import json
import math
import os
import reprlib
import shutil
import sys
import traceback
import types
from datetime import datetime, timezone

import js
from pyodide.code import CodeRunner
from pyodide.ffi import JsProxy, jsnull, to_js

CELL_PREFIX = "<cell "
# The document's own files live here; frames from them are user frames too.
USER_ROOT = "/home/pyodide"
# Each document's virtual file system: the working directory user code starts in.
DOCUMENT_FOLDER = USER_ROOT + "/document"
_FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
# Conversion recurses once per level, so stay well inside Python's recursion limit.
JS_MAX_DEPTH = 200


def _unbuffered(fd):
    # Straight to the raw stream, so stdout and stderr keep their order and stream live.
    raw = io.FileIO(fd, "w", closefd=False)
    return io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace", write_through=True)


sys.stdout = _unbuffered(1)
sys.stderr = _unbuffered(2)

user_globals = {}
# User code's own builtins: policy.py makes their import and open check the policy.
user_builtins = dict(vars(builtins))
_startup_modules = set()


class PolicyError(ImportError):
    """An import the document's security policy does not allow."""


class FilePolicyError(PermissionError):
    """A file access the document's security policy does not allow."""


def reset_globals():
    """Gives user code fresh globals and forgets modules imported from the user's files."""
    user_globals.clear()
    user_globals.update({"__name__": "__main__", "__builtins__": user_builtins})
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if name not in _startup_modules and path.startswith(USER_ROOT + "/"):
            del sys.modules[name]
    importlib.invalidate_caches()


def remember_startup_modules():
    """Records the modules loaded before any user code, which a reset keeps."""
    _startup_modules.update(sys.modules)


def prepare_document_folder():
    """Makes the document's folder and starts there; again after a restore from a snapshot,
    whose file system is made afresh."""
    os.makedirs(DOCUMENT_FOLDER, exist_ok=True)
    os.chdir(DOCUMENT_FOLDER)


reset_globals()
prepare_document_folder()


# ---- running code ---------------------------------------------------------------------------


# The audit guard (audit-guard.ts) refuses with a builtin PermissionError carrying this text.
_REFUSAL_MARK = " is not allowed under the restrictive policy: "


def _is_refusal(error):
    return type(error) is PermissionError and _REFUSAL_MARK in str(error)


def _kind_of(error):
    if isinstance(error, SyntaxError):
        return "syntax"
    if isinstance(error, (PolicyError, FilePolicyError)) or _is_refusal(error):
        return "policy"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    if isinstance(error, MemoryError):
        return "memory"
    return "runtime"


def _source_of(filename):
    """The cell id of a cell's code, the path of a user file, or None for everything else."""
    if filename.startswith(CELL_PREFIX) and filename.endswith(">"):
        return filename[len(CELL_PREFIX):-1]
    if filename.startswith(USER_ROOT + "/") and "/site-packages/" not in filename:
        return filename
    return None


def _user_frames(error):
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        source = _source_of(frame.filename)
        if source is None:
            continue
        column = frame.colno + 1 if frame.colno is not None else None
        frames.append({"name": frame.name, "line": frame.lineno, "column": column, "cellId": source})
    return frames


def error_record(error):
    """Describes an exception as a dict of plain values (see UnifiedError)."""
    name = type(error).__name__
    if isinstance(error, SyntaxError):
        return {
            "kind": "syntax",
            "name": name,
            "message": error.msg or "",
            "line": error.lineno,
            "column": error.offset,
            "frames": [],
        }
    frames = _user_frames(error)
    innermost = frames[-1] if frames else None
    return {
        "kind": _kind_of(error),
        "name": name,
        "message": str(error),
        "line": innermost["line"] if innermost else None,
        "column": innermost["column"] if innermost else None,
        "frames": frames,
    }


def _snapshot():
    """Identity of each global, to tell afterwards which ones a run assigned."""
    return {name: id(value) for name, value in user_globals.items()}


def _exports(before):
    return [
        name
        for name, value in user_globals.items()
        if before.get(name) != id(value) and _is_exported(name, value)
    ]


def _outcome(before, value=None, error=None):
    shown = value is not None and error is None
    # repr() and the conversion of a value nested thousands deep exhaust the engine's stack,
    # which ends the worker; such a result is shown bounded and stays in Python.
    # (_too_deep is crossing.py's, which runs in this namespace too.)
    deep = shown and isinstance(value, (list, tuple, dict, set, frozenset)) and _too_deep(value)
    return {
        "ok": error is None,
        "error": error_record(error) if error is not None else None,
        "value": value if shown and not deep else None,
        "repr": (_bounded_preview(value) if deep else repr(value)) if shown else None,
        "exports": _exports(before),
    }


def _error_outcome(before, error):
    """The outcome of a failed run. The host raises a stop again until the run has ended, so a
    second KeyboardInterrupt may land while this one is being described; describe it again."""
    while True:
        try:
            return _outcome(before, error=error)
        except KeyboardInterrupt:
            continue


async def _finish(before, coroutine):
    try:
        value = await coroutine
        _display_rich_result(value)
        return _outcome(before, value)
    except BaseException as error:  # user code may raise anything, KeyboardInterrupt included
        return _error_outcome(before, error)
    finally:
        _display_open_figures()


def run_code(code, filename, expression_only=False):
    """Runs code in the user globals under the given file name.

    Returns an outcome dict, or a coroutine resolving to one when the code uses top-level
    await, so that code without await never waits on the event loop.
    """
    before = _snapshot()
    try:
        runner = _compiled_runner(code, filename, expression_only)
    except SyntaxError as error:
        return _outcome(before, error=error)
    if runner.code.co_flags & inspect.CO_COROUTINE:
        return _finish(before, runner.run_async(user_globals))
    try:
        value = runner.run(user_globals)
        _display_rich_result(value)
        return _outcome(before, value)
    except BaseException as error:  # user code may raise anything, KeyboardInterrupt included
        return _error_outcome(before, error)
    finally:
        # Figures a cell left open are shown once it ends, as Jupyter's inline backend does.
        _display_open_figures()


# Compiled code by its text and file name: a cell is mostly run again unchanged, and compiling
# it costs more than a short cell's run. A compiled runner can be run again and again.
_COMPILED_LIMIT = 128
_compiled = {}


def _compiled_runner(code, filename, expression_only):
    key = (code, filename, expression_only)
    runner = _compiled.get(key)
    if runner is None:
        if expression_only:
            ast.parse(code, filename=filename, mode="eval")
        runner = CodeRunner(code, filename=filename, flags=_FLAGS, quiet_trailing_semicolon=True).compile()
        if len(_compiled) >= _COMPILED_LIMIT:
            del _compiled[next(iter(_compiled))]
        _compiled[key] = runner
    return runner


def run_cell(code, cell_id, expression_only=False):
    """Runs a cell's code; tracebacks name it by its id."""
    return run_code(code, f"{CELL_PREFIX}{cell_id}>", expression_only)


def run_file(path):
    """Runs a file of the virtual file system as a script, as `python path` would."""
    path = os.path.abspath(path)
    with open(path, encoding="utf-8") as file:
        code = file.read()
    return run_code(code, path)


# ---- rich output -----------------------------------------------------------------------------

# The forms an object can give through IPython's _repr_*_ methods, richest first.
_REPR_METHODS = (
    ("text/html", "_repr_html_"),
    ("text/markdown", "_repr_markdown_"),
    ("image/svg+xml", "_repr_svg_"),
    ("image/png", "_repr_png_"),
    ("image/jpeg", "_repr_jpeg_"),
    ("application/json", "_repr_json_"),
)
# JSON-able values nested deeper than this are shown as text; it also stops cycles.
_JSON_MAX_DEPTH = 100
_send_bundle = None


def connect_display(send):
    """Takes the host's function that receives MIME bundles (plain JavaScript objects)."""
    global _send_bundle
    _send_bundle = send


def display(*objs):
    """Shows each object in the cell's output, in its richest form.

    A dict whose keys are all MIME types is a bundle, shown as given: display({"text/html":
    "<b>hi</b>"}). Objects with _repr_html_, _repr_svg_, _repr_png_ and the like show those
    forms; matplotlib figures show as PNG; lists and dicts of JSON values as a table or a tree;
    anything else as its repr.
    """
    for obj in objs:
        _send(_bundle_of(obj))


def _send(bundle):
    if not bundle:
        return
    if _send_bundle is None:
        print(bundle.get("text/plain", ""))
        return
    _send_bundle(to_js(bundle, dict_converter=js.Object.fromEntries))


def _bundle_of(obj):
    if _is_bundle(obj):
        return {mime: text for mime, text in ((mime, _as_text(mime, data)) for mime, data in obj.items()) if text is not None}
    if inspect.isclass(obj):
        return {"text/plain": _plain(obj)}
    rich = _rich_forms(obj)
    if rich:
        return {"text/plain": _plain(obj), **rich}
    if _is_figure(obj):
        return _figure_bundle(obj)
    if isinstance(obj, (list, tuple, dict)) and _is_jsonable(obj, 0):
        return {"application/json": json.dumps(obj, ensure_ascii=False), "text/plain": _plain(obj)}
    return {"text/plain": _plain(obj)}


def _is_bundle(obj):
    return isinstance(obj, dict) and bool(obj) and all(isinstance(key, str) and "/" in key for key in obj)


def _rich_forms(obj):
    """The forms an object offers through _repr_mimebundle_ or _repr_*_ methods; empty when
    it offers none but text."""
    forms = {}
    method = _method(obj, "_repr_mimebundle_")
    if method is not None:
        given = _call_repr(obj, "_repr_mimebundle_", method)
        if isinstance(given, tuple):
            given = given[0] if given else None
        if isinstance(given, dict):
            forms.update((mime, text) for mime, text in ((str(mime), _as_text(str(mime), data)) for mime, data in given.items()) if text is not None)
    for mime, name in _REPR_METHODS:
        method = _method(obj, name)
        if mime in forms or method is None:
            continue
        text = _as_text(mime, _call_repr(obj, name, method))
        if text is not None:
            forms[mime] = text
    return forms if any(mime != "text/plain" for mime in forms) else {}


def _method(obj, name):
    try:
        # An object that answers every attribute (a mock, a proxy) offers no real _repr_ methods.
        if getattr(obj, "_ipython_canary_method_should_not_exist_", None) is not None:
            return None
        method = getattr(obj, name, None)
    except Exception:  # an object whose __getattr__ fails has no rich form
        return None
    return method if callable(method) else None


def _call_repr(obj, name, method):
    try:
        return method()
    except Exception as error:  # a broken _repr_ must not break the cell; it is reported
        print(f"display: {type(obj).__name__}.{name}() raised {type(error).__name__}: {error}", file=sys.stderr)
        return None


def _is_text_type(mime):
    return mime.startswith("text/") or mime.endswith("xml") or mime.endswith("json") or mime == "application/javascript"


def _as_text(mime, data):
    """A bundle value as text: bytes of binary types in base64, JSON types as JSON text."""
    if isinstance(data, tuple) and len(data) == 2 and isinstance(data[1], dict):
        data = data[0]  # IPython's (data, metadata) form
    if data is None:
        return None
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        return raw.decode("utf-8", "replace") if _is_text_type(mime) else base64.b64encode(raw).decode("ascii")
    if isinstance(data, str):
        return data
    if mime.endswith("json"):
        try:
            return json.dumps(data, ensure_ascii=False)
        except (TypeError, ValueError):
            return None
    return str(data)


def _is_jsonable(value, depth):
    if depth > _JSON_MAX_DEPTH:
        return False
    if value is None or isinstance(value, (bool, int, str)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (list, tuple)):
        return all(_is_jsonable(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _is_jsonable(item, depth + 1) for key, item in value.items())
    return False


def _plain(obj):
    try:
        return repr(obj)
    except Exception as error:  # a broken __repr__ still leaves something to show
        return f"<unprintable {type(obj).__name__}: {error}>"


def _display_rich_result(value):
    """A cell's last value that has rich forms is also displayed, as Jupyter does."""
    if value is None or inspect.isclass(value):
        return
    rich = _rich_forms(value)
    if rich:
        _send({"text/plain": _plain(value), **rich})
    elif _is_figure(value):
        _send(_figure_bundle(value))


# matplotlib draws with Agg in a worker; the browser backend Pyodide defaults to needs a page.
os.environ.setdefault("MPLBACKEND", "Agg")


def _is_figure(obj):
    return type(obj).__module__.startswith("matplotlib.") and callable(getattr(obj, "savefig", None))


def _figure_png(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure_bundle(figure):
    """A figure as PNG. A figure that pyplot holds is closed, so that it is not shown again."""
    try:
        return {"image/png": _figure_png(figure), "text/plain": _plain(figure)}
    finally:
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            pyplot.close(figure)


def _show_figures(pyplot):
    """Displays every open pyplot figure as PNG and closes it."""
    for number in list(pyplot.get_fignums()):
        _send(_figure_bundle(pyplot.figure(number)))


def _display_open_figures():
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    try:
        _show_figures(pyplot)
    except Exception as error:  # drawing failed; the cell's own outcome stands
        print(f"display: a matplotlib figure could not be drawn: {type(error).__name__}: {error}", file=sys.stderr)


def _patch_pyplot(pyplot):
    """plt.show() displays every open figure in the cell's output and closes it."""

    def show(*args, **kwargs):
        _show_figures(pyplot)

    show.__doc__ = "Displays every open figure in the cell's output as PNG, and closes it."
    pyplot.show = show


class _AfterImport:
    """A meta path finder that runs a function on a module right after it is first imported.

    Python has no post-import hook; this finds the module with the other finders and wraps
    its loader, so that the function runs before any user code sees the module.
    """

    def __init__(self, name, then):
        self._name = name
        self._then = then

    def find_spec(self, fullname, path, target=None):
        if fullname != self._name:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _ThenLoader(spec.loader, self._then)
        return spec


class _ThenLoader:
    """Delegates to a loader, then runs a function on the module it executed."""

    def __init__(self, loader, then):
        self._loader = loader
        self._then = then

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._then(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


sys.meta_path.insert(0, _AfterImport("matplotlib.pyplot", _patch_pyplot))
# Visible in every cell without an import, as in Jupyter.
builtins.display = display


# ---- variables and modules ------------------------------------------------------------------


def _is_exported(name, value):
    return not name.startswith("_") and not inspect.ismodule(value)


def variables(names=None):
    """The user's globals, without modules and _private names; only `names`, when given."""
    names = from_js(names)  # JavaScript null arrives as jsnull, not None
    wanted = None if names is None else set(names)
    return [
        {"name": name, "type": type(value).__name__, "preview": _bounded_preview(value), "isCallable": callable(value)}
        for name, value in user_globals.items()
        if (wanted is None or name in wanted) and _is_exported(name, value)
    ]


class _BoundedRepr(reprlib.Repr):
    """reprlib's bounded repr, with dicts in their own order, as repr() shows them."""

    def repr_dict(self, x, level):
        if not x:
            return "{}"
        if level <= 0:
            return "{" + self.fillvalue + "}"
        pieces = [f"{self.repr1(key, level - 1)}: {self.repr1(x[key], level - 1)}" for key in itertools.islice(x, self.maxdict)]
        if len(x) > self.maxdict:
            pieces.append(self.fillvalue)
        return "{" + ", ".join(pieces) + "}"


# Previews stay short and cheap whatever the size: a bounded repr looks at a few items only.
_PREVIEW = _BoundedRepr(maxlevel=3, maxtuple=8, maxlist=8, maxarray=8, maxdict=6, maxset=8, maxfrozenset=8, maxdeque=8, maxstring=80, maxlong=40, maxother=80)
_PREVIEW.fillvalue = "…"
# Items a size estimate samples.
_SAMPLE = 8


def _bounded_preview(value, limit=120):
    try:
        text = _PREVIEW.repr(value)
    except Exception as error:  # a broken __repr__ (or an int too long to print) must not break the listing
        text = f"<unprintable {type(value).__name__}: {type(error).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _size_estimate(value):
    """Roughly the bytes a value takes: its own size, and its items' by a sample of a few."""
    try:
        size = sys.getsizeof(value)
        if isinstance(value, dict) and value:
            sample = list(itertools.islice(value.items(), _SAMPLE))
            size += len(value) * sum(sys.getsizeof(key) + sys.getsizeof(item) for key, item in sample) // len(sample)
        elif isinstance(value, (list, tuple, set, frozenset)) and value:
            sample = list(itertools.islice(value, _SAMPLE))
            size += len(value) * sum(sys.getsizeof(item) for item in sample) // len(sample)
        return size
    except Exception:  # an object whose __sizeof__ fails still has a name and a type
        return 0


def _barrier(value):
    """Why a value cannot cross, when its type alone says so; other values are tried when read."""
    if inspect.isroutine(value) or inspect.isclass(value) or inspect.ismodule(value) or isinstance(value, types.GeneratorType):
        kind = "function" if inspect.isroutine(value) else type(value).__name__
        return f"a Python {kind} cannot cross between languages"
    return None


def _type_name(value):
    return "function" if inspect.isfunction(value) else type(value).__name__


def describe(names):
    """Describes each of the given globals without converting it: its type, a bounded preview,
    a size estimate, and why it cannot cross when its type alone says so."""
    described = []
    for name in from_js(names):
        if name not in user_globals:
            continue
        value = user_globals[name]
        described.append({
            "name": name,
            "type": _type_name(value),
            "preview": _bounded_preview(value),
            "sizeBytes": _size_estimate(value),
            "barrier": _barrier(value),
        })
    return described


def module_info(name):
    """Imports a module and describes its public API."""
    module = importlib.import_module(name)
    version = getattr(module, "__version__", None)
    if version is None:
        try:
            version = importlib.metadata.version(name.split(".")[0])
        except importlib.metadata.PackageNotFoundError:
            version = None
    doc = (inspect.getdoc(module) or "").strip()
    public = [(key, value) for key, value in vars(module).items() if not key.startswith("_")]
    exported = getattr(module, "__all__", None)
    if exported is not None:
        public = [(key, value) for key, value in public if key in exported]
    return {
        "name": module.__name__,
        "version": None if version is None else str(version),
        "description": doc.splitlines()[0] if doc else None,
        "functions": sorted(key for key, value in public if inspect.isroutine(value)),
        "classes": sorted(key for key, value in public if inspect.isclass(value)),
    }


def distributions():
    """Installed distributions as (name, version) pairs."""
    found = {}
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[name] = dist.version
    return sorted(found.items())


def is_importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def version_details():
    info = getattr(sys, "_emscripten_info", None)
    emscripten = ".".join(str(part) for part in info.emscripten_version) if info else "unknown"
    return {"python": ".".join(str(part) for part in sys.version_info[:3]), "emscripten": emscripten}


# ---- environment ----------------------------------------------------------------------------


def configure(environment, working_directory, python_path):
    """Applies environment variables, the working directory and the module path."""
    environment = from_js(environment)
    python_path = from_js(python_path)
    if environment:
        os.environ.update({str(key): str(value) for key, value in environment.items()})
    if working_directory:
        os.makedirs(working_directory, exist_ok=True)
        os.chdir(working_directory)
    for entry in reversed(list(python_path or [])):
        entry = os.path.abspath(entry)
        if entry in sys.path:
            sys.path.remove(entry)
        sys.path.insert(0, entry)
    importlib.invalidate_caches()


# ---- values from JavaScript -----------------------------------------------------------------


class ConversionFailure(Exception):
    pass


def from_js(value, depth=0):
    """Turns a neutral value (as Pyodide proxies it) into plain Python values."""
    if depth > JS_MAX_DEPTH:
        raise ConversionFailure(f"value is nested deeper than {JS_MAX_DEPTH} levels (or has a cycle)")
    if value is None or value is jsnull:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)  # a BigInt arrives as JsBigInt, a subclass of int
    if not isinstance(value, JsProxy):
        return value
    # JavaScript constructors are not Python types, so ask JavaScript for the value's tag.
    tag = _js_tag(value)
    if tag == "[object NegativeZero]":
        return -0.0
    if tag == "[object Date]":
        return datetime.fromtimestamp(value.getTime() / 1000, tz=timezone.utc)
    if tag == "[object Uint8Array]":
        return value.to_bytes()
    typecode = _TYPECODES.get(tag)
    if typecode is not None:
        # The whole buffer at once: megabytes cross without a loop over their elements.
        converted = array.array(typecode)
        converted.frombytes(value.to_bytes())
        return converted
    if tag == "[object Map]":
        return {from_js(key, depth + 1): from_js(item, depth + 1) for key, item in value.entries()}
    if tag == "[object Set]":
        return {from_js(item, depth + 1) for item in value.values()}
    if tag == "[object Array]":
        return [from_js(item, depth + 1) for item in value]
    return {key: from_js(item, depth + 1) for key, item in js.Object.entries(value)}


_js_tag_of = None


def _js_tag(value):
    """Object.prototype.toString of a JS value. Bound on first use: a memory snapshot of the
    engine cannot hold references to JS objects, and this one would be made before any run."""
    global _js_tag_of
    if _js_tag_of is None:
        _js_tag_of = js.Function.prototype.call.bind(js.Object.prototype.toString)
    return _js_tag_of(value)

# Typed arrays become array.array of the same element type, and array.array goes back as the
# same typed array.
_TYPECODES = {
    "[object Int8Array]": "b",
    "[object Uint8ClampedArray]": "B",
    "[object Int16Array]": "h",
    "[object Uint16Array]": "H",
    "[object Int32Array]": "i",
    "[object Uint32Array]": "I",
    "[object Float32Array]": "f",
    "[object Float64Array]": "d",
    "[object BigInt64Array]": "q",
    "[object BigUint64Array]": "Q",
}


def set_variable(name, value):
    """Sets a user global from a neutral value; returns an error message instead of raising."""
    try:
        user_globals[name] = from_js(value)
    except ConversionFailure as error:
        return str(error)
    return None



# ---- the virtual file system ----------------------------------------------------------------


def write_file(path, data):
    """Writes text or bytes, making the file's folders."""
    path = os.path.abspath(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    content = data.encode("utf-8") if isinstance(data, str) else data.to_bytes()
    with open(path, "wb") as file:
        file.write(content)


def read_file(path):
    with open(os.path.abspath(path), "rb") as file:
        return file.read()


def make_folder(path):
    """Makes a folder and the folders above it, if they are missing."""
    os.makedirs(os.path.abspath(path), exist_ok=True)


def path_kind(path):
    """"file", "directory", or None when nothing is there."""
    path = os.path.abspath(path)
    if os.path.isdir(path):
        return "directory"
    return "file" if os.path.exists(path) else None


def list_files(root):
    """Every file and folder below root, sorted, as plain dicts."""
    root = os.path.abspath(root or DOCUMENT_FOLDER)
    entries = []
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in folders:
            entries.append({"path": os.path.join(folder, name), "isDirectory": True, "size": 0})
        for name in sorted(files):
            path = os.path.join(folder, name)
            entries.append({"path": path, "isDirectory": False, "size": os.path.getsize(path)})
    return sorted(entries, key=lambda entry: entry["path"])
