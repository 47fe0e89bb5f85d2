# The imports of a Python file or directory, read with the standard library's ast: the app is
# parsed, never run. Prints one JSON object per line; runs on CPython 3.8+ and PyPy 3.9.
import ast
import json
import os
import sys

SKIP_DIRS = {"__pycache__", "venv", ".venv", "env", "site-packages", "node_modules", "build", "dist"}


def sources(root):
    if os.path.isfile(root):
        yield root
        return
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for f in sorted(files):
            if f.endswith(".py"):
                yield os.path.join(here, f)


def guarded(node, parents):
    # an import inside `try: ... except ImportError` is optional for the app
    child = node
    for p in parents:
        if isinstance(p, ast.Try) and child in p.body:
            for h in p.handlers:
                names = []
                if h.type is None:
                    return True
                for t in (h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]):
                    names.append(getattr(t, "id", getattr(t, "attr", "")))
                if "ImportError" in names or "ModuleNotFoundError" in names or "Exception" in names:
                    return True
        child = p
    return False


def visit(node, parents, path, out):
    for child in ast.iter_child_nodes(node):
        mods = []
        if isinstance(child, ast.Import):
            mods = [a.name for a in child.names]
        elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
            mods = [child.module]
        for m in mods:
            top = m.split(".")[0]
            if top != "__future__":
                out.append({"module": top, "file": path, "line": child.lineno,
                            "optional": guarded(child, [node] + parents)})
        visit(child, [node] + parents, path, out)


def main(root):
    base = root if os.path.isdir(root) else os.path.dirname(root) or "."
    for path in sources(root):
        rel = os.path.relpath(path, base)
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read(), filename=rel)
        except SyntaxError as e:
            print(json.dumps({"error": "cannot parse: " + str(e.msg), "file": rel, "line": e.lineno or 0}))
            continue
        except (OSError, ValueError) as e:
            print(json.dumps({"error": "cannot read: " + str(e), "file": rel, "line": 0}))
            continue
        found = []
        visit(tree, [], rel, found)
        for rec in found:
            print(json.dumps(rec))


main(sys.argv[1])
