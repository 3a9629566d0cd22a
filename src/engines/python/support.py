"""The playground's Python support code.

It is installed in Pyodide before any user code runs. It compiles and runs cells, and turns
exceptions into plain dicts that keep only user frames, in the cell's own line numbers.
"""

import ast
import inspect
import io
import sys
import traceback

from pyodide.code import CodeRunner

CELL_PREFIX = "<cell "
_FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT

def _unbuffered(fd):
    # Straight to the raw stream, so stdout and stderr keep their order and stream live.
    raw = io.FileIO(fd, "w", closefd=False)
    return io.TextIOWrapper(raw, encoding="utf-8", errors="backslashreplace", write_through=True)


sys.stdout = _unbuffered(1)
sys.stderr = _unbuffered(2)

user_globals = {"__name__": "__main__", "__builtins__": __builtins__}


def reset_globals():
    """Gives user code fresh globals without restarting the interpreter."""
    user_globals.clear()
    user_globals.update({"__name__": "__main__", "__builtins__": __builtins__})


def _kind_of(error):
    if isinstance(error, SyntaxError):
        return "syntax"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    if isinstance(error, MemoryError):
        return "memory"
    return "runtime"


def _cell_of(filename):
    if filename.startswith(CELL_PREFIX) and filename.endswith(">"):
        return filename[len(CELL_PREFIX):-1]
    return None


def _user_frames(error):
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        cell = _cell_of(frame.filename)
        if cell is None:
            continue
        column = frame.colno + 1 if frame.colno is not None else None
        frames.append({"name": frame.name, "line": frame.lineno, "column": column, "cellId": cell})
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


def _outcome(value=None, error=None):
    shown = value is not None and error is None
    return {
        "ok": error is None,
        "error": error_record(error) if error is not None else None,
        "value": value if shown else None,
        "repr": repr(value) if shown else None,
    }


async def _finish(coroutine):
    try:
        return _outcome(await coroutine)
    except BaseException as error:  # user code may raise anything, KeyboardInterrupt included
        return _outcome(error=error)


def run_cell(code, cell_id):
    """Runs a cell in the user globals.

    Returns an outcome dict, or a coroutine resolving to one when the cell uses top-level await,
    so that cells without await never wait on the event loop.
    """
    filename = f"{CELL_PREFIX}{cell_id}>"
    try:
        runner = CodeRunner(code, filename=filename, flags=_FLAGS, quiet_trailing_semicolon=True)
        runner.compile()
    except SyntaxError as error:
        return _outcome(error=error)
    if runner.code.co_flags & inspect.CO_COROUTINE:
        return _finish(runner.run_async(user_globals))
    try:
        return _outcome(runner.run(user_globals))
    except BaseException as error:  # user code may raise anything, KeyboardInterrupt included
        return _outcome(error=error)
