"""Every `module.name` that minitrace's code reads, where `module` is one of minitrace's own
modules brought in by an import (at the top or inside a function), names something the module
defines. pyflakes cannot see these: removing an import that another module reached through
`net.sockaddr_text` passed every offline test and broke a decoder at run time."""
import ast
import importlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from test_import_cycles import modules  # noqa: E402


def import_target(node, name, is_pkg, alias, known):
    """The module of ours an import binds to the alias's local name, or None."""
    if isinstance(node, ast.Import):
        return alias.name if alias.name in known and alias.asname else None
    base = name if is_pkg else name.rpartition(".")[0]
    if node.level:
        parts = base.split(".")
        mod = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
    else:
        mod = node.module or ""
    full = "%s.%s" % (mod, alias.name)
    return full if full in known else None


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def scope_nodes(scope):
    """The nodes of a scope's own body, not those of the scopes nested in it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, SCOPES):
            todo.extend(ast.iter_child_nodes(node))


def module_reads(tree, name, is_pkg, known):
    """(node, module name) of each `alias.attr` read where alias names one of our modules in
    that scope: imports of enclosing scopes count unless the scope binds the name otherwise."""
    found = []

    def visit(scope, inherited):
        aliases = dict(inherited)
        rebound = set()
        own = list(scope_nodes(scope))
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = scope.args
            rebound.update(x.arg for x in a.args + a.kwonlyargs + [a.vararg, a.kwarg] if x)
        for node in own:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    target = import_target(node, name, is_pkg, alias, known)
                    local = alias.asname or alias.name.split(".")[0]
                    if target:
                        aliases[local] = target
                    else:
                        rebound.add(local)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                rebound.add(node.id)
            elif isinstance(node, SCOPES) and not isinstance(node, ast.Lambda):
                rebound.add(node.name)
        for local in rebound:
            aliases.pop(local, None)
        for node in own:
            if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
                    and isinstance(node.value, ast.Name) and node.value.id in aliases):
                found.append((node, aliases[node.value.id]))
            elif isinstance(node, SCOPES):
                visit(node, aliases)
    visit(tree, {})
    return found


def test_attributes_of_our_modules_exist():
    known = modules()
    import minitrace.decode as decode
    decode.load_all()                    # the lazily loaded families define their names too
    missing = []
    for name, path in sorted(known.items()):
        tree = ast.parse(open(path).read(), path)
        for node, target in module_reads(tree, name, path.endswith("__init__.py"), known):
            if not hasattr(importlib.import_module(target), node.attr):
                missing.append("%s:%d: %s.%s (%s has no %s)"
                               % (os.path.relpath(path, ROOT), node.lineno, node.value.id,
                                  node.attr, target, node.attr))
    assert not missing, "\n".join(missing)
