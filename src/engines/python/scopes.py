"""Scopes and the names they bind, for the reads analysis in reads.py.

Python decides a name's scope for a whole function body at once: a name assigned anywhere in
it is that function's own. So each scope's bound names are collected before its code is walked.
It runs in the support module's namespace, before reads.py, so its names start with `_Reads` or
`_reads`.
"""

import ast


class _ReadsScope:
    """One scope: module, class, function (also lambdas), comprehension or annotation."""

    __slots__ = ("kind", "parent", "bound", "declared_global", "declared_nonlocal")

    def __init__(self, kind, parent, bound=()):
        self.kind = kind
        self.parent = parent
        self.bound = set(bound)
        self.declared_global = set()
        self.declared_nonlocal = set()


def _reads_parameters(arguments):
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
    return [arg.arg for arg in every]


def _reads_annotations(arguments):
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
    return [arg.annotation for arg in every if arg is not None and arg.annotation is not None]


def _reads_walrus_targets(comprehension):
    """Walrus targets anywhere in a comprehension but its first iterable; they bind outside it."""
    found = []
    first, *rest = comprehension.generators
    stack = [first.target, *first.ifs, *rest]
    stack += [comprehension.key, comprehension.value] if isinstance(comprehension, ast.DictComp) else [comprehension.elt]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Lambda):
            continue  # a walrus in a lambda binds in the lambda
        if isinstance(node, ast.NamedExpr):
            found.append(node.target.id)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _reads_type_parameter_names(node):
    return [parameter.name for parameter in getattr(node, "type_params", None) or ()]


class _ReadsBinder(ast.NodeVisitor):
    """Fills a scope's bound names and its global and nonlocal declarations, not entering nested scopes."""

    def __init__(self, scope):
        self.scope = scope

    def bind(self, nodes):
        for node in nodes:
            self.visit(node)
        return self.scope

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Load):
            self.scope.bound.add(node.id)

    def visit_Global(self, node):
        self.scope.declared_global.update(node.names)

    def visit_Nonlocal(self, node):
        self.scope.declared_nonlocal.update(node.names)

    def visit_FunctionDef(self, node):
        self.scope.bound.add(node.name)
        for part in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
            if part is not None:
                self.visit(part)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.scope.bound.add(node.name)
        for part in [*node.decorator_list, *node.bases, *node.keywords]:
            self.visit(part)

    def visit_Lambda(self, node):
        for part in [*node.args.defaults, *node.args.kw_defaults]:
            if part is not None:
                self.visit(part)

    def _comprehension(self, node):
        self.visit(node.generators[0].iter)
        self.scope.bound.update(_reads_walrus_targets(node))

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def visit_Import(self, node):
        for alias in node.names:
            self.scope.bound.add(alias.asname or alias.name.split(".")[0])

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if alias.name != "*":
                self.scope.bound.add(alias.asname or alias.name)

    def visit_ExceptHandler(self, node):
        if node.name:
            self.scope.bound.add(node.name)
        self.generic_visit(node)

    def visit_MatchAs(self, node):
        if node.name:
            self.scope.bound.add(node.name)
        self.generic_visit(node)

    def visit_MatchStar(self, node):
        if node.name:
            self.scope.bound.add(node.name)

    def visit_MatchMapping(self, node):
        if node.rest:
            self.scope.bound.add(node.rest)
        self.generic_visit(node)

    def visit_TypeAlias(self, node):
        self.scope.bound.add(node.name.id)
