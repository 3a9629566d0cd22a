"""The names a Python cell reads from the shared (module) scope, found statically.

They decide which variables are put into the interpreter before a cell runs and which cells a
changed variable makes stale. `reads(code)` returns them sorted; code that does not parse
reads nothing. It runs in the support module's namespace after scopes.py, whose scopes and
binder it uses; the names of both start with `_reads` or `_Reads` to leave that namespace's
names alone.

The rules:
- A use of a name is a load, a `del` (which removes the shared value) or an augmented
  assignment such as `x += 1` (which loads x first). A use counts when the name resolves to the
  module scope, by Python's own rules:
  - a function, lambda or comprehension binds a name for its whole body when it assigns it
    anywhere in that body (parameters, assignments, `for` and `with` targets, `except ... as`,
    imports, nested `def` and `class` names, match captures), unless it declares the name
    `global` (then it is the module's) or `nonlocal` (then it belongs to an enclosing function);
  - a comprehension's iteration variables are its own; its first iterable is evaluated in the
    enclosing scope; a walrus inside it binds in the nearest enclosing function or module;
  - a class body's names are visible in the class body only, never in its methods or
    comprehensions; a name the class body has not yet certainly assigned falls back to the
    module, as CPython's lookup in a class body does;
  - parameter defaults, decorators, base classes and annotations are evaluated in the
    enclosing scope (annotations are counted even where they are evaluated lazily);
  - type parameters (`def f[T]`, `class C[T]`, `type A[T] = ...`) are their own names.
- It is not a read when the cell has certainly assigned that module name before the use, at top
  level, by straight-line code. Certainty follows control flow: after an `if`, only names both
  branches assign; nothing a loop body, a `with` body (its manager may swallow an exception),
  a `match` case, the right of `and`/`or` or a comprehension assigns; after `try`, what the body
  and every handler assign, and what `finally` assigns (its own uses are judged from what held
  before the `try`); `del x` and the end of `except ... as x` unassign x.
- A function or method body may run whenever it is called, so its uses are judged against what
  the cell had certainly assigned when its `def` (for a method: its outermost `class`
  statement) finished, which includes the function's or class's own name. A lambda body and a
  class body are judged where they stand. A `global` assignment inside a function counts
  inside that function only, from the assignment on.
- Builtin names (`print`, `len`, `range`, ...) are never reads, even where a cell shadows them.
- `from m import *` binds nothing that can be known, so later uses of its names stay reads.
"""

import ast
import builtins

_READS_FLAGS = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
_READS_BUILTINS = frozenset(dir(builtins))


def reads(code):
    """Names a cell reads from the shared scope, sorted; an empty list when it does not parse."""
    try:
        tree = compile(code, "<cell>", "exec", flags=_READS_FLAGS, dont_inherit=True)
    except (SyntaxError, ValueError):  # ValueError: a null byte in the source
        return []
    walker = _ReadsWalker()
    walker.visit(tree)
    return sorted(walker.found)


class _ReadsWalker(ast.NodeVisitor):
    """Walks a cell in evaluation order, keeping the set of (scope, name) pairs certainly assigned.

    Only module and class scopes are tracked there: a function's or comprehension's own names
    never resolve to the module, so their order does not matter. Code that may not run is walked
    as a branch that notes what it changes and undoes it at its end, returning its effect (a
    dict of pair to whether it is assigned at the end), so that no branch copies the set.
    """

    def __init__(self):
        self.module = _ReadsScope("module", None)
        self.scope = self.module
        self.assigned = set()
        # One dict per open branch: each pair it changed, and whether it was assigned before.
        self.journals = []
        self.found = set()
        # Bodies of functions defined inside a class statement, judged when the outermost one ends.
        self.pending = None

    # Resolution

    def _holder(self, name):
        """The module or class scope that holds `name` where it is used; None for a function's own."""
        scope = self.scope
        if scope.kind == "module" or name in scope.declared_global:
            return self.module
        if name in scope.declared_nonlocal:
            return None
        if name in scope.bound:
            return scope if scope.kind == "class" else None
        scope = scope.parent
        while scope.kind != "module":
            if scope.kind != "class":  # a class's names are not visible to the scopes inside it
                if name in scope.declared_global:
                    return self.module
                if name in scope.bound or name in scope.declared_nonlocal:
                    return None
            scope = scope.parent
        return scope

    def _use(self, name):
        holder = self._holder(name)
        if holder is None:
            return
        if holder.kind == "class":
            if (holder, name) in self.assigned:
                return
            holder = self.module  # a class body's lookup falls back to the globals
        if (holder, name) not in self.assigned and name not in _READS_BUILTINS:
            self.found.add(name)

    def _store(self, name):
        holder = self._holder(name)
        if holder is not None:
            self._set((holder, name), True)

    def _unstore(self, name):
        holder = self._holder(name)
        if holder is not None:
            self._set((holder, name), False)

    # Control flow

    def _set(self, key, assigned):
        if (key in self.assigned) == assigned:
            return
        if self.journals:
            # Only the innermost branch: an outer one sees this through the inner one's effect.
            self.journals[-1].setdefault(key, not assigned)
        if assigned:
            self.assigned.add(key)
        else:
            self.assigned.discard(key)

    def _branch(self, nodes, unassigning=()):
        """Walks code that may not run, `unassigning` some pairs first; returns its effect, undone."""
        journal = {}
        self.journals.append(journal)
        for key in unassigning:
            self._set(key, False)
        for node in nodes:
            self.visit(node)
        self.journals.pop()
        effect = {key: key in self.assigned for key in journal}
        for key, before in journal.items():
            if before:
                self.assigned.add(key)
            else:
                self.assigned.discard(key)
        return effect

    def _meet(self, *effects):
        """The effect of taking one of several branches: assigned where every one assigns."""
        keys = set().union(*effects)
        return {key: all(effect.get(key, key in self.assigned) for effect in effects) for key in keys}

    def _apply(self, effect):
        for key, assigned in effect.items():
            self._set(key, assigned)

    def _in_scope(self, scope, nodes):
        """Walks code in another scope; what it assigns stays there."""
        saved = self.scope
        self.scope = scope
        self._branch(nodes)
        self.scope = saved

    def _deferred(self, scope, nodes):
        if self.pending is None:
            self._in_scope(scope, nodes)
        else:
            self.pending.append((scope, nodes))

    def _annotation_scope(self, node):
        names = _reads_type_parameter_names(node)
        if not names:
            return self.scope
        scope = _ReadsScope("annotation", self.scope, names)
        # Bounds and defaults of type parameters are evaluated lazily, in the annotation scope.
        for parameter in node.type_params:
            parts = [getattr(parameter, "bound", None), getattr(parameter, "default_value", None)]
            self._in_scope(scope, [part for part in parts if part is not None])
        return scope

    # Names

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            self._use(node.id)
        elif isinstance(node.ctx, ast.Store):
            self._store(node.id)
        else:
            self._use(node.id)
            self._unstore(node.id)

    def visit_NamedExpr(self, node):
        self.visit(node.value)
        # Inside a comprehension it may run any number of times, so it assigns nothing for certain.
        if self.scope.kind != "comprehension":
            self._store(node.target.id)

    # Definitions

    def visit_FunctionDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        outer = self._annotation_scope(node)
        annotations = [*_reads_annotations(node.args), *([node.returns] if node.returns else [])]
        self._in_scope(outer, annotations)
        self._store(node.name)
        scope = _ReadsScope("function", outer, _reads_parameters(node.args))
        _ReadsBinder(scope).bind(node.body)
        self._deferred(scope, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        scope = _ReadsBinder(_ReadsScope("function", self.scope, _reads_parameters(node.args))).bind([node.body])
        self._in_scope(scope, [node.body])

    def visit_ClassDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        outer = self._annotation_scope(node)
        self._in_scope(outer, [*node.bases, *node.keywords])
        scope = _ReadsBinder(_ReadsScope("class", outer)).bind(node.body)
        outermost = self.pending is None
        if outermost:
            self.pending = []
        saved = self.scope
        self.scope = scope
        for statement in node.body:  # a class body runs at once, in the current flow
            self.visit(statement)
        self.scope = saved
        self._store(node.name)
        if outermost:
            pending, self.pending = self.pending, None
            for method_scope, body in pending:
                self._in_scope(method_scope, body)

    def visit_TypeAlias(self, node):
        self._store(node.name.id)
        self._in_scope(self._annotation_scope(node), [node.value])

    def _comprehension(self, node):
        generators = node.generators
        self.visit(generators[0].iter)
        targets = _ReadsBinder(_ReadsScope("comprehension", self.scope)).bind([generator.target for generator in generators])
        parts = []
        for index, generator in enumerate(generators):
            parts += ([generator.iter] if index else []) + [generator.target, *generator.ifs]
        parts += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        self._in_scope(targets, parts)

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    # Statements

    def visit_Assign(self, node):
        self.visit(node.value)
        for target in node.targets:
            self.visit(target)

    def visit_AugAssign(self, node):
        if isinstance(node.target, ast.Name):
            self._use(node.target.id)
            self.visit(node.value)
            self._store(node.target.id)
        else:
            self.visit(node.target)
            self.visit(node.value)

    def visit_AnnAssign(self, node):
        if self.scope.kind in ("module", "class") or not isinstance(node.target, ast.Name):
            self.visit(node.annotation)
        if node.value is not None:
            self.visit(node.value)
            self.visit(node.target)
        elif not isinstance(node.target, ast.Name):
            self.visit(node.target)  # `a.b: int` evaluates `a`

    def visit_Import(self, node):
        for alias in node.names:
            self._store(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if alias.name != "*":
                self._store(alias.asname or alias.name)

    def visit_If(self, node):
        self.visit(node.test)
        self._apply(self._meet(self._branch(node.body), self._branch(node.orelse)))

    def visit_While(self, node):
        self.visit(node.test)
        self._apply(self._meet({}, self._branch(node.body), self._branch(node.orelse)))

    def visit_For(self, node):
        self.visit(node.iter)
        self._apply(self._meet({}, self._branch([node.target, *node.body]), self._branch(node.orelse)))

    visit_AsyncFor = visit_For

    def visit_With(self, node):
        for item in node.items:
            self.visit(item.context_expr)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        self._apply(self._meet({}, self._branch(node.body)))

    visit_AsyncWith = visit_With

    def visit_Try(self, node):
        reached = self._branch([*node.body, *node.orelse])
        # A handler may start anywhere in the body: only what held throughout is certain there.
        unassigned = [key for key, assigned in reached.items() if not assigned]
        reached = self._meet(reached, *(self._branch([handler], unassigned) for handler in node.handlers))
        if node.finalbody:
            # The finally block may start after an exception too, from what held throughout: its
            # uses are judged from there, its effect on the way out after the body or a handler.
            self._branch(node.finalbody, [key for key, assigned in reached.items() if assigned])
        self._apply(reached)
        self._apply(self._branch(node.finalbody))

    visit_TryStar = visit_Try

    def visit_ExceptHandler(self, node):
        if node.type is not None:
            self.visit(node.type)
        if node.name:
            self._store(node.name)
        for statement in node.body:
            self.visit(statement)
        if node.name:
            self._unstore(node.name)  # Python deletes the name when the handler ends

    def visit_Match(self, node):
        self.visit(node.subject)
        cases = [self._branch([case.pattern, *([case.guard] if case.guard else []), *case.body]) for case in node.cases]
        self._apply(self._meet({}, *cases))

    def visit_MatchAs(self, node):
        if node.pattern is not None:
            self.visit(node.pattern)
        if node.name:
            self._store(node.name)

    def visit_MatchStar(self, node):
        if node.name:
            self._store(node.name)

    def visit_MatchMapping(self, node):
        self.generic_visit(node)
        if node.rest:
            self._store(node.rest)

    def visit_Assert(self, node):
        self.visit(node.test)
        if node.msg is not None:
            self._branch([node.msg])

    # Expressions that may skip a part

    def visit_BoolOp(self, node):
        self.visit(node.values[0])
        self._branch(node.values[1:])

    def visit_IfExp(self, node):
        self.visit(node.test)
        self._apply(self._meet(self._branch([node.body]), self._branch([node.orelse])))
