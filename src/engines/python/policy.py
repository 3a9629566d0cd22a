"""The security policy's Python side (SPEC §5): which modules user code may import, and
whether it may open files.

It runs in the support code's namespace, after support.py, whose names it uses. User code
runs with builtins of its own (`user_builtins`), whose `__import__` and `open` check the
policy. Support code keeps the real builtins, and so do the modules user code imports, so the
standard library's internals that an allowed module needs are never checked. Modules loaded
from the user's own files get the user builtins too, so a file cannot import for a cell what
the cell may not import itself.

This is a usability check: it names the module and the tier early and says how to get more.
It is not a sandbox; code that walks object attributes can reach modules the interpreter has
already loaded. What must hold is kept where Python cannot undo it: the network and storage by
the worker's capabilities, and Restrictive's file system by an audit hook whose decisions are
made in JavaScript (python/audit-guard.ts).
"""

_real_import = builtins.__import__
_real_open = builtins.open
# Set by the engine before any user code runs; engines start under Standard.
_tier = "standard"
_allowed_modules = None
_denied_modules = frozenset()
_file_system = True
# The policy error's text for a module, from the engine, so that it reads as the static check's.
_denial = None
# The real builtins' ways back into the import system stay out of the user builtins.
_HIDDEN_BUILTINS = ("__loader__", "__spec__")


def _is_user_path(path):
    return bool(path) and path.startswith(USER_ROOT + "/") and "/site-packages/" not in path


def _is_user_module(top):
    """Whether importing this top-level name would load one of the user's own files."""
    module = sys.modules.get(top)
    if module is not None:
        return _is_user_path(getattr(module, "__file__", None))
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return False
    return spec is not None and _is_user_path(spec.origin)


def _is_denied(name):
    """Whether the name is on the deny-list, itself or below a name that is."""
    parts = name.split(".")
    return any(".".join(parts[:end]) in _denied_modules for end in range(1, len(parts) + 1))


def is_allowed(name):
    """Whether the policy lets user code import a module, by its absolute dotted name."""
    if _is_denied(name):
        return False
    top = name.partition(".")[0]
    if _allowed_modules is None or top in _allowed_modules:
        return True
    return _file_system and _is_user_module(top)


def check_import(name):
    """Raises PolicyError when the policy does not let user code import the module."""
    if not is_allowed(name):
        message = str(_denial(name)) if _denial is not None else f"import of '{name}' is not allowed under the {_tier} policy"
        raise PolicyError(message)


def _absolute_name(name, globals, level):
    """The absolute name of a relative import, or None when it has no package to resolve in."""
    package = (globals or {}).get("__package__")
    if not package:
        spec = (globals or {}).get("__spec__")
        package = getattr(spec, "parent", None)
    if not package:
        return None
    try:
        return importlib.util.resolve_name("." * level + name, package)
    except (ImportError, ValueError):
        return None


def _user_import(name, globals=None, locals=None, fromlist=(), level=0):
    # C code importing for itself (datetime's strftime needs time, strptime needs _strptime)
    # goes through PyImport_Import, which passes an empty list; statements pass None or a
    # tuple. That is the standard library's internals at work, which every tier allows. Code
    # could imitate the call, which is one of the ways this check is not a sandbox: the worker,
    # with its network and storage removed, is.
    if type(fromlist) is list and not fromlist and level == 0:
        return _real_import(name, globals, locals, fromlist, level)
    absolute = name if level == 0 else _absolute_name(name, globals, level)
    # A relative import with nothing to resolve in fails in the real import, with its own error.
    if absolute is not None:
        check_import(absolute)
        # `from pyodide import http` imports pyodide.http through the real import, unchecked.
        for item in fromlist or ():
            if type(item) is str and item != "*":
                submodule = f"{absolute}.{item}"
                if _is_denied(submodule):
                    check_import(submodule)
    return _real_import(name, globals, locals, fromlist, level)


def _user_open(*args, **kwargs):
    if not _file_system:
        raise FilePolicyError(f"file access is not allowed under the {_tier} policy")
    return _real_open(*args, **kwargs)


_user_import.__doc__ = _real_import.__doc__
_user_open.__doc__ = _real_open.__doc__


def _sync_user_builtins():
    """Adds builtins the playground defined since (display), and puts the checks back in place."""
    for name, value in vars(builtins).items():
        if name not in _HIDDEN_BUILTINS:
            user_builtins.setdefault(name, value)
    for name in _HIDDEN_BUILTINS:
        user_builtins.pop(name, None)
    user_builtins["__import__"] = _user_import
    user_builtins["open"] = _user_open


def set_policy(tier, modules, denied, file_system, denial):
    """Applies a policy to every later import and open of user code: modules None allows all
    but the denied names; denial(name) gives a refused import's message."""
    global _tier, _allowed_modules, _denied_modules, _file_system, _denial
    modules = from_js(modules)
    _tier = str(tier)
    _allowed_modules = None if modules is None else frozenset(str(name) for name in modules)
    _denied_modules = frozenset(str(name) for name in from_js(denied) or ())
    _file_system = bool(file_system)
    _denial = denial
    _sync_user_builtins()


def leave_document_folder():
    """Removes the document's folder and leaves it, for a tier without a file system: the
    folder is made at start, before the engine knows its tier, and holds nothing yet."""
    os.chdir(USER_ROOT)
    shutil.rmtree(DOCUMENT_FOLDER, ignore_errors=True)


class _UserModuleFinder:
    """A meta path finder that gives modules loaded from the user's own files the user builtins."""

    def find_spec(self, fullname, path, target=None):
        spec = None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            # _AfterImport asks the other finders itself; asking it back would never end.
            if find is None or isinstance(finder, (_UserModuleFinder, _AfterImport)):
                continue
            spec = find(fullname, path, target)
            if spec is not None:
                break
        # Anything else is left to the finders after this one, _AfterImport among them.
        if spec is None or not _is_user_path(spec.origin):
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _UserBuiltinsLoader(spec.loader)
        return spec


class _UserBuiltinsLoader:
    """Delegates to a loader, giving the module the user builtins before its code runs."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        # exec() adds the real builtins only to a namespace that has none.
        module.__dict__["__builtins__"] = user_builtins
        self._loader.exec_module(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


sys.meta_path.insert(0, _UserModuleFinder())
_sync_user_builtins()
