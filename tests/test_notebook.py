"""The example notebook runs top to bottom, as Jupyter would run it, without a Jupyter kernel.

Each code cell is executed in order in one namespace, from the notebook's own
folder; a cell that ends in an expression is displayed the way Jupyter
displays it (``_repr_html_`` when the value has one), so the HTML renderings
are exercised too.
"""
import ast
import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "quickstart.ipynb"


def _cells(kind):
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == kind]


def _run_cell(source: str, namespace: dict, name: str):
    """Run a cell; return the value of its last line when that is an expression (Jupyter's Out[])."""
    tree = ast.parse(source, filename=name)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, name, "exec"), namespace)
    if last is not None:
        return eval(compile(ast.Expression(last.value), name, "eval"), namespace)
    return None


def test_notebook_is_v4_and_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["nbformat"] == 4
    for cell in _cells("code"):
        assert cell["outputs"] == [] and cell["execution_count"] is None


def test_notebook_runs_top_to_bottom(monkeypatch, capsys):
    pytest.importorskip("pandas")
    monkeypatch.chdir(NOTEBOOK.parent)
    monkeypatch.setenv("MPLBACKEND", "Agg")  # if matplotlib is installed, draw off screen
    namespace = {"__name__": "__main__"}
    shown = []
    for i, cell in enumerate(_cells("code")):
        value = _run_cell("".join(cell["source"]), namespace, f"{NOTEBOOK.name}[{i}]")
        if value is not None:
            shown.append(value._repr_html_() if hasattr(value, "_repr_html_") else repr(value))
    # The cells' results: the article drew itself, and a frame of many articles was built.
    assert shown and shown[0].startswith('<div class="kuaiclaims">')
    assert namespace["claims"]["source"].nunique() == len(namespace["articles"]) >= 20
    assert namespace["article"].claims[2].subject.canonical == "星野科技"
    assert "kuaiclaims-sample.html" in capsys.readouterr().out
