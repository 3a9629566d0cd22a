"""WASM cells as Python objects.

Each WASM cell's module is instantiated by the worker (src/engines/wasm/wasm-instances.ts) and
bound here to a global of the cell's name. Its exported functions are methods, converted by
their signatures; its memory is `module.memory`, read and written as bytes.
"""

from pyodide.ffi import to_js


class WasmTrap(RuntimeError):
    """A WebAssembly trap: unreachable, an out-of-bounds access, division by zero, ..."""


class WasmMemoryError(MemoryError):
    """A WASM module's memory asked to grow past its limit; Python's own heap is untouched."""


_FAILURES = {"trap": WasmTrap, "type": TypeError, "range": IndexError, "memory": WasmMemoryError, "link": ImportError}
_FLOATS = ("f32", "f64")


def _native(value, type_):
    """A result as the Python type of its wasm type: an i64 arrives as a JS BigInt, a whole f64 as an int."""
    if type_ in _FLOATS:
        return float(value)
    if type_ in ("i32", "i64"):
        return int(value)
    return value


def _settle(outcome):
    """Turns the host's [ok, value, kind] answer into a value, or raises the matching error."""
    ok, value, kind = outcome[0], outcome[1], outcome[2]
    if not ok:
        raise _FAILURES.get(kind, RuntimeError)(value)
    return value


class WasmFunction:
    """One exported function; calling it calls into the module."""

    def __init__(self, host, name, params, results):
        self._host = host
        self.__name__ = name
        self.params = tuple(params)
        self.results = tuple(results)

    def __call__(self, *args):
        value = _settle(self._host.call(self.__name__, to_js(list(args))))
        if len(self.results) == 1:
            return _native(value, self.results[0])
        if len(self.results) > 1:
            return tuple(_native(v, t) for v, t in zip(value.to_py(), self.results))
        return None

    def __repr__(self):
        results = ", ".join(self.results) or "nothing"
        return f"<wasm function {self.__name__}({', '.join(self.params)}) -> {results}>"


class WasmMemory:
    """The module's memory, a copy at a time: `memory[0:4]` reads bytes, `memory[0:4] = b"..."` writes."""

    def __init__(self, host, module_name):
        self._host = host
        self._module_name = module_name

    def __len__(self):
        return int(_settle(self._host.size()))

    def read(self, offset, length):
        """A copy of `length` bytes from `offset`, as bytes."""
        return _settle(self._host.read(offset, length)).to_bytes()

    def write(self, offset, data):
        """Writes bytes (or a bytearray, a memoryview or a list of ints) at `offset`."""
        _settle(self._host.write(offset, to_js(bytes(data))))

    def grow(self, pages):
        """Grows the memory by `pages` of 64 KiB and returns its old size in pages."""
        return int(_settle(self._host.grow(pages)))

    def tobytes(self):
        return self.read(0, len(self))

    def __bytes__(self):
        return self.tobytes()

    def _span(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self))
            if step != 1:
                raise ValueError("WASM memory slices take a step of 1")
            return start, max(0, stop - start)
        index = key + len(self) if key < 0 else key
        return index, None

    def __getitem__(self, key):
        start, length = self._span(key)
        if length is None:
            return self.read(start, 1)[0]
        return self.read(start, length)

    def __setitem__(self, key, value):
        start, length = self._span(key)
        if length is None:
            self.write(start, bytes([value]))
            return
        data = bytes(value)
        if len(data) != length:
            raise ValueError(f"{self._module_name}.memory[{start}:{start + length}] needs {length} bytes, not {len(data)}")
        self.write(start, data)

    def __repr__(self):
        return f"<wasm memory of {self._module_name}: {len(self)} bytes>"


class WasmModule:
    """A WASM cell's module: its exported functions as attributes, and its memory."""

    def __init__(self, name, host):
        self.__name__ = name
        for entry in host.functions:
            export, params, results = entry[0], list(entry[1]), list(entry[2])
            setattr(self, export, WasmFunction(host, export, params, results))
        self.memory = WasmMemory(host, name) if host.hasMemory else None

    def __repr__(self):
        names = [name for name, value in vars(self).items() if isinstance(value, WasmFunction)]
        return f"<wasm module {self.__name__}: {', '.join(names)}>"


def bind_wasm(name, host):
    """Binds a WASM cell's module to the user's global `name`."""
    user_globals[name] = WasmModule(name, host)  # noqa: F821 (support.py's namespace)
