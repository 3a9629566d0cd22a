# Which of the values a Python cell was given from another language its code might change in
# place (`people.append(x)`, `people[0]["born"] = 1815`), found statically with `ast`. After a
# run the engine checks such a value by converting it again, which costs a full conversion of a
# big value; a name found certainly unchanged skips that check. Being wrong towards "might change"
# only costs time, being wrong the other way loses a change, so anything not known safe might
# change. The same rules as src/engines/javascript/in-place.ts.
#
# Every use of a name counts, in any scope: a name rebound locally (a parameter, an assignment
# inside a function) is still taken for the value. Binding the name itself (`N = other`,
# `del N`, `for N in ...`) replaces it rather than changing it, so it is safe; `N += x` is not
# (a list's `+=` extends it in place), nor is `global N` / `nonlocal N`. From a use, an
# expression "holds" the value while it is the value or part of it; the use is followed outwards
# through what holds it:
# - Still holding (followed further): `N.k`, `N[i]`, `a or N`, `x if c else N`, `await N`, any
#   binary operator (`N + [1]` is a new list of the same elements), a list, tuple, set or dict
#   display containing it or `*N`, a comprehension's element, the result of an allowed method that
#   returns parts of it (_IN_PLACE_ROOTED_METHODS: `N.get(k)`, `N.values()`, `N.items()`,
#   `N.copy()`, ...) and of builtins that return parts of it (_IN_PLACE_ROOTED_FUNCTIONS: `sorted`,
#   `list`, `tuple`, `dict`, `set`, `min`, `max`, `enumerate`, `zip`, `iter`, `reversed`, ...).
# - Safe (the use ends): an expression statement (dropped, or shown as the cell's result); a
#   comparison (also `in`, `is`), a unary operator, an f-string field, a subscript or slice key
#   (`other[N]`), the test of `if`, `while`, `assert` and `x if N else y`, a comprehension's
#   condition; a call of an allowed method that returns something new and flat
#   (_IN_PLACE_TERMINAL_METHODS: `N.count(x)`, `N.index(x)`, `N.keys()`, string methods, ...) or of
#   a function that only reads (_IN_PLACE_TERMINAL_FUNCTIONS: `len`, `print`, `str`, `repr`,
#   `isinstance`, `any`, `all`, `json.dumps`, `copy.deepcopy`, ..., and `sum` with one argument);
#   a call of these functions is safe only if every keyword argument is a constant (`reverse=True`,
#   `indent=2`; not `key=f`, `default=f`, `file=out`) and no positional argument is a lambda.
# - Might change: an assignment, augmented assignment or `del` of anything holding it
#   (`N[0] = 1`, `N.x += 1`, `del N[k]`); a method not in the allow-lists (`N.append()`,
#   `N[0].update()`, `N.sort()`); a lambda given to an allowed method; any other call with it as
#   an argument or callee; storing it (`y = N`, `obj.k = N`, `y := N`, a default), returning,
#   yielding or raising it, `with N`, `match N`; anything else.
# - `for x in N` and a comprehension's `for x in N`: the names the target binds stand for N's
#   parts and are checked by the same rules (a subscript or attribute target might change).
# - Any use of `exec`, `eval`, `compile`, `globals`, `vars`, `locals`, `__import__` or
#   `__builtins__`, and importing `__main__` or `builtins`, make every name might-change; so does
#   code that does not parse.
# A function the cell calls without naming the value may still change it; that is not seen.
# Module-level names start with `_in_place` (or are `may_change`): this runs in one namespace
# with support.py, crossing.py, scopes.py and reads.py.
import ast as _in_place_ast

_IN_PLACE_TERMINAL_METHODS = frozenset((
    'count', 'index', 'keys', 'startswith', 'endswith', 'find', 'rfind', 'lower', 'upper', 'strip',
    'lstrip', 'rstrip', 'split', 'rsplit', 'splitlines', 'replace', 'format', 'isdigit', 'isalpha',
    'isalnum', 'isspace', 'islower', 'isupper', 'title', 'capitalize', 'encode', 'decode', 'hex',
    'bit_length', 'is_integer', 'issubset', 'issuperset', 'isdisjoint', '__len__', '__contains__',
))
_IN_PLACE_ROOTED_METHODS = frozenset((
    'get', 'values', 'items', 'copy', 'union', 'intersection', 'difference', 'symmetric_difference',
))
_IN_PLACE_TERMINAL_FUNCTIONS = frozenset((
    'len', 'print', 'str', 'repr', 'ascii', 'format', 'isinstance', 'issubclass', 'type', 'id', 'hash',
    'bool', 'int', 'float', 'complex', 'abs', 'round', 'any', 'all', 'callable', 'json.dumps',
    'copy.deepcopy', 'math.fsum', 'statistics.mean', 'statistics.median',
))
_IN_PLACE_ROOTED_FUNCTIONS = frozenset((
    'sorted', 'list', 'tuple', 'dict', 'set', 'frozenset', 'min', 'max', 'enumerate', 'zip', 'iter',
    'reversed', 'next', 'copy.copy',
))
_IN_PLACE_ESCAPES = frozenset((
    'exec', 'eval', 'compile', 'globals', 'vars', 'locals', '__import__', '__builtins__',
))
_IN_PLACE_ESCAPE_MODULES = frozenset(('__main__', 'builtins'))


def may_change(code, names):
    """The subset of `names`, in their order, that the code might change in place; all if it does not parse."""
    names = list(names)
    try:
        tree = compile(code, '<cell>', 'exec', _in_place_ast.PyCF_ONLY_AST | _in_place_ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except (SyntaxError, ValueError):
        return names
    parents, uses, escapes = _in_place_index(tree)
    if escapes:
        return names
    return [name for name in names if not _in_place_kept(name, parents, uses)]


def _in_place_index(tree):
    """Each node's parent, the uses of each name (Name nodes and global/nonlocal), and whether the code escapes."""
    A = _in_place_ast
    parents = {}
    uses = {}
    escapes = False
    for node in A.walk(tree):
        for field_child in A.iter_child_nodes(node):
            parents[field_child] = node
        if isinstance(node, A.Name):
            uses.setdefault(node.id, []).append(node)
            escapes = escapes or node.id in _IN_PLACE_ESCAPES
        elif isinstance(node, (A.Global, A.Nonlocal)):
            for name in node.names:
                uses.setdefault(name, []).append(node)
        elif isinstance(node, A.Import):
            escapes = escapes or any(alias.name in _IN_PLACE_ESCAPE_MODULES for alias in node.names)
        elif isinstance(node, A.ImportFrom):
            escapes = escapes or node.module in _IN_PLACE_ESCAPE_MODULES
    return parents, uses, escapes


def _in_place_kept(name, parents, uses):
    """Whether every use of `name`, and of the names standing for its parts, is certainly safe."""
    pending = [name]
    seen = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for node in uses.get(current, ()):
            aliases = []
            if not _in_place_name_safe(node, parents, aliases):
                return False
            pending.extend(aliases)
    return True


def _in_place_name_safe(node, parents, aliases):
    A = _in_place_ast
    if not isinstance(node, A.Name):
        return False  # global / nonlocal
    if isinstance(node.ctx, A.Load):
        return _in_place_safe(node, parents, aliases)
    parent = parents.get(node)
    return not (isinstance(parent, A.AugAssign) and parent.target is node)


def _in_place_safe(node, parents, aliases):
    """Whether `node`, which holds the value, is used safely; names standing for its parts go to `aliases`."""
    A = _in_place_ast
    parent = parents.get(node)
    if isinstance(parent, (A.Expr, A.Compare, A.UnaryOp, A.FormattedValue, A.JoinedStr, A.Slice, A.If, A.While, A.Assert)):
        return True
    if isinstance(parent, (A.BoolOp, A.BinOp, A.Await, A.Starred, A.Dict)):
        return _in_place_safe(parent, parents, aliases)
    if isinstance(parent, (A.List, A.Tuple)):
        return isinstance(parent.ctx, A.Load) and _in_place_safe(parent, parents, aliases)
    if isinstance(parent, A.Set):
        return _in_place_safe(parent, parents, aliases)
    if isinstance(parent, A.IfExp):
        return parent.test is node or _in_place_safe(parent, parents, aliases)
    if isinstance(parent, (A.ListComp, A.SetComp, A.GeneratorExp, A.DictComp)):
        return _in_place_safe(parent, parents, aliases)
    if isinstance(parent, A.comprehension):
        return node in parent.ifs or (parent.iter is node and _in_place_alias(parent.target, aliases))
    if isinstance(parent, (A.For, A.AsyncFor)):
        return parent.iter is node and _in_place_alias(parent.target, aliases)
    if isinstance(parent, A.Subscript):
        if parent.value is not node:
            return True
        return isinstance(parent.ctx, A.Load) and _in_place_safe(parent, parents, aliases)
    if isinstance(parent, A.Attribute):
        return _in_place_attribute_safe(parent, parents, aliases)
    if isinstance(parent, A.keyword):
        return _in_place_argument_safe(parents.get(parent), parents, aliases)
    if isinstance(parent, A.Call):
        return parent.func is not node and _in_place_argument_safe(parent, parents, aliases)
    return False


def _in_place_attribute_safe(attribute, parents, aliases):
    A = _in_place_ast
    if not isinstance(attribute.ctx, A.Load):
        return False
    call = parents.get(attribute)
    if not (isinstance(call, A.Call) and call.func is attribute):
        return _in_place_safe(attribute, parents, aliases)
    arguments = list(call.args) + [keyword.value for keyword in call.keywords]
    if any(isinstance(argument, A.Lambda) for argument in arguments):
        return False
    if attribute.attr in _IN_PLACE_TERMINAL_METHODS:
        return True
    return attribute.attr in _IN_PLACE_ROOTED_METHODS and _in_place_safe(call, parents, aliases)


def _in_place_argument_safe(call, parents, aliases):
    A = _in_place_ast
    if not isinstance(call, A.Call):
        return False
    name = _in_place_dotted(call.func)
    # A keyword may hand over a function given the value's parts (`key=`, `default=`).
    if any(not isinstance(keyword.value, A.Constant) for keyword in call.keywords):
        return False
    if name in _IN_PLACE_TERMINAL_FUNCTIONS:
        return True
    if name == 'sum' and len(call.args) == 1 and not call.keywords:
        return True
    if any(isinstance(argument, A.Lambda) for argument in call.args):
        return False
    return name in _IN_PLACE_ROOTED_FUNCTIONS and _in_place_safe(call, parents, aliases)


def _in_place_dotted(node):
    """`a.b.c` for a chain of names and attributes, else None."""
    A = _in_place_ast
    if isinstance(node, A.Name):
        return node.id
    if isinstance(node, A.Attribute):
        head = _in_place_dotted(node.value)
        return None if head is None else head + '.' + node.attr
    return None


def _in_place_alias(target, aliases):
    """A loop target: the names it binds stand for the value's parts; a subscript or attribute is not safe."""
    A = _in_place_ast
    if isinstance(target, A.Name):
        aliases.append(target.id)
        return True
    if isinstance(target, A.Starred):
        return _in_place_alias(target.value, aliases)
    if isinstance(target, (A.Tuple, A.List)):
        return all(_in_place_alias(element, aliases) for element in target.elts)
    return False
