"""Bulk roads for values crossing out of and into Python (SPEC §4).

It runs in the support code's namespace, after support.py. A value is looked at a level at a
time, each level in C-speed passes (set(map(type, ...)), itertools.chain, min/max), then crosses
in one C-speed step (json, array), never with a host call per element:

- "json" (the text alone) and "exact-json": values made only of None, bool, int, finite
  float, str, list, tuple and dict with str keys, as one JSON text. The text is ASCII (astral
  characters and lone surrogates escaped), which Pyodide hands to JavaScript fastest. JSON keeps ints exactly only
  within ±(2**53 - 1): "json" leaves that check to the host, "exact-json" has made it.
- "int32": a flat list of ints that each fit in 32 bits, as one array.array("i") buffer.
- "safe-int": a flat list of ints within ±(2**53 - 1), as one array.array("d") buffer (exact).
- "int64": a flat list of other ints within 64 bits, as one array.array("q") buffer; the host
  keeps ints past 2**53 as BigInts.
- "float64": a flat list of floats, as one array.array("d") buffer (NaN, inf and -0.0 kept).
- "native": everything else, for the host's general converter, once a walk has proved that the
  value has no cycle and is not nested too deep.
- "error": a cycle or nesting past MAX_DEPTH, with the message.
"""

import array as _array
import json as _json
import math as _math
from itertools import chain as _chain

# The neutral model's depth limit (value.ts MAX_DEPTH).
MAX_DEPTH = 1000
_MAX_SAFE = 2**53 - 1
_PRIMITIVES = frozenset({type(None), bool, int, float, str})
_SEQUENCES = frozenset({list, tuple})
_JSONABLE = _PRIMITIVES | _SEQUENCES | {dict}
_CONTAINERS = (list, tuple, dict, set, frozenset)
_TOO_DEEP = f"value is nested deeper than {MAX_DEPTH} levels (or has a cycle)"


def _of_type(level, types, wanted):
    """The members of a level whose type is one of `wanted`; the level itself when all are."""
    return level if types <= wanted else [item for item in level if type(item) in wanted]


def _unique(containers):
    """Each container once: a value that repeats one (or a cycle) does not grow the walk."""
    return list(dict(zip(map(id, containers), containers)).values())


def _shape(value, check_ints):
    """How the value can cross, found a level at a time with C-speed passes over each level:

    "int" or "float" for a flat list or tuple of only ints or only floats; "json" when it is
    made only of None, bool, int, float, str, list, tuple and dict with str keys (its ints
    within ±(2**53 - 1) too, when `check_ints`); "deep" when it nests past MAX_DEPTH, as a
    cycle always does; "other" for anything else. json.dumps only ever sees a value this walk
    has bounded: the encoder's C recursion through a value 10,000 deep overflows the host's
    stack and ends the interpreter.
    """
    level = [value]
    flat = type(value) in _SEQUENCES
    for depth in range(MAX_DEPTH + 1):
        types = set(map(type, level))
        if depth == 1 and flat and (types == {int} or types == {float}):
            return "int" if int in types else "float"
        if not types <= _JSONABLE:
            return "other"
        if check_ints and int in types:
            ints = _of_type(level, types, {int})
            if min(ints) < -_MAX_SAFE or max(ints) > _MAX_SAFE:
                return "other"
        following = []
        if dict in types:
            dicts = _unique(_of_type(level, types, {dict}))
            if not set(map(type, _chain.from_iterable(dicts))) <= {str}:
                return "other"
            following.extend(_chain.from_iterable(map(dict.values, dicts)))
        if types & _SEQUENCES:
            following.extend(_chain.from_iterable(_unique(_of_type(level, types, _SEQUENCES))))
        if not following:
            return "json"
        level = following
    return "deep"


def _too_deep(value):
    """Whether containers nest past MAX_DEPTH, as a cycle always does. Depth first with an
    explicit stack, so that neither a deep value nor a cycle can exhaust the C stack."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(item, dict):
            children = _chain(item.keys(), item.values())
        elif isinstance(item, _CONTAINERS):
            children = item
        else:
            continue
        stack.extend((child, depth + 1) for child in children if isinstance(child, _CONTAINERS))
    return False


def export_variable(name, precise=False):
    """The road a user global takes to the host, as (road, payload), or as a str for "json";
    None when it is not set.

    JSON keeps None, bool, str, float and dict order exactly, and ints within ±(2**53 - 1).
    Rather than a pass for their range, the host checks the numbers it reads back ("json"):
    when one is an integer past that range, it asks again with `precise`, and the walk proves
    the ints first ("exact-json"), or the value takes another road.
    """
    if name not in user_globals:
        return None
    value = user_globals[name]
    shape = _shape(value, precise)
    try:
        if shape == "int":
            return _int_column(value)
        if shape == "float":
            return ("float64", _array.array("d", value))
    except OverflowError:  # an int past 64 bits: the general road keeps it exact
        shape = "other"
    if shape == "json":
        try:
            text = _json.dumps(value, allow_nan=False, check_circular=False, separators=(",", ":"))
            # The common road returns the text alone: Pyodide hands a str over without a proxy.
            return ("exact-json", text) if precise else text
        except ValueError:  # NaN or an infinity
            pass
    if shape == "deep" or (shape == "other" and _too_deep(value)):
        return ("error", _TOO_DEEP)
    return ("native", value)


def _int_column(value):
    """A flat list of ints as the narrowest buffer that keeps them: array.array's own C loop
    raises OverflowError for an int that does not fit, and min and max run at C speed."""
    try:
        return ("int32", _array.array("i", value))
    except OverflowError:
        pass
    wide = _array.array("q", value)  # OverflowError past 64 bits: the caller takes the general road
    if -_MAX_SAFE <= min(wide) and max(wide) <= _MAX_SAFE:
        return ("safe-int", _array.array("d", value))
    return ("int64", wide)


def import_json(name, text):
    """Sets a user global from JSON text the host checked to be exact; an error message or None."""
    try:
        user_globals[name] = _json.loads(text)
    except RecursionError:
        return _TOO_DEEP
    return None


# Typed-array payloads: "i" holds int32 values, "d" floats, and "n" floats of which the
# integral ones within ±(2**53 - 1) are ints, as a number crossing alone would be.
def import_numbers(name, data, kind):
    """Sets a user global to a list from the bytes of an Int32Array or a Float64Array."""
    values = _array.array("i" if kind == "i" else "d", data.to_bytes()).tolist()
    if kind == "n":
        values = [_as_python_number(number) for number in values]
    user_globals[name] = values


def _as_python_number(number):
    # -0.0 stays a float, as the general road keeps it.
    if _math.copysign(1.0, number) > 0 if number == 0 else number.is_integer() and -_MAX_SAFE <= number <= _MAX_SAFE:
        return int(number)
    return number
