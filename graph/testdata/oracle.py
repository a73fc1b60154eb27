# Answers graph queries with Alembic's own classes (RevisionMap, ScriptDirectory's
# _upgrade_revs/_downgrade_revs/_stamp_revs, HeadMaintainer) for the differential test in
# oracle_test.go. Reads {"graphs": [...]} as JSON on stdin, writes answers as JSON.
import json
import sys
import types

from alembic.runtime import migration
from alembic.script.base import ScriptDirectory
from alembic.script.revision import Revision, RevisionMap
from alembic.util import CommandError

# Alembic 1.13.1 (#1373): an unmerge without other rows leaves out the parents that are
# ancestors of other parents. retort follows the fix (vector dep5-unmerge-overlap).
_unmerge_181 = migration.RevisionStep._unmerge_to_revisions


def _unmerge_fixed(self, heads):
    if set(heads).difference([self.revision.revision]):
        return _unmerge_181(self, heads)
    rm = self.revision_map
    implied = {
        r.revision
        for t in self.to_revisions
        for r in rm._get_ancestor_nodes(rm.get_revisions(t), check=False)
        if r.revision != t
    }
    return tuple(t for t in self.to_revisions if t not in implied)


migration.RevisionStep._unmerge_to_revisions = _unmerge_fixed

# With other rows present Alembic picks the rows a merge deletes, and the parents an unmerge
# inserts, from a Python set (the order varies between runs); retort keeps the declared
# order of the parents. Sort Alembic's choice the same way so row operations compare.
_merge_181 = migration.RevisionStep.merge_branch_idents


def _merge_declared(self, heads):
    delete, last, to = _merge_181(self, heads)
    chosen = set(delete) | {last}
    ordered = [r for r in self.from_revisions if r in chosen]
    return ordered[:-1], ordered[-1], to


def _unmerge_declared(self, heads):
    chosen = set(_unmerge_fixed(self, heads))
    return tuple(r for r in self.to_revisions if r in chosen)


migration.RevisionStep.merge_branch_idents = _merge_declared
migration.RevisionStep._unmerge_to_revisions = _unmerge_declared


class Rows(migration.HeadMaintainer):
    """HeadMaintainer without a database: records the row operations."""

    def __init__(self, heads):
        self.heads = set(heads)
        self.ops = []

    def _insert_version(self, v):
        assert v not in self.heads
        self.heads.add(v)
        self.ops.append(["INSERT", v])

    def _delete_version(self, v):
        self.heads.remove(v)
        self.ops.append(["DELETE", v])

    def _update_version(self, f, t):
        assert t not in self.heads
        self.heads.remove(f)
        self.heads.add(t)
        self.ops.append(["UPDATE", f, t])


def run_steps(steps, current):
    rows = Rows(current)
    out = []
    for s in steps:
        rows.update_to_step(s)
        if isinstance(s, migration.StampStep):
            out.append({"from": list(s.from_), "to": list(s.to_), "up": s.is_upgrade})
        else:
            out.append({"rev": s.revision.revision, "up": s.is_upgrade})
    return {"steps": out, "rows": sorted(rows.heads), "ops": rows.ops}


def rev_id(r):
    if r is None:
        return None
    return r if isinstance(r, str) else r.revision


def answer(sd, q):
    rm = sd.revision_map
    op, a = q["op"], q.get("args", [])
    if op == "load":
        revs = [rm.get_revision(r) for r in a]
        return {
            "heads": list(rm.heads),
            "real_heads": list(rm._real_heads),
            "bases": list(rm.bases),
            "labels": {r.revision: sorted(r.branch_labels) for r in revs},
            "norm": {r.revision: list(r._normalized_down_revisions) for r in revs},
        }
    if op == "resolve":
        return rev_id(rm.get_revision(a[0]))
    if op == "resolve_many":
        return [rev_id(r) for r in rm.get_revisions(a[0])]
    if op == "iterate":
        def arg(x):
            return None if not x else x[0] if len(x) == 1 else tuple(x)
        f = q["flags"]
        return [
            r.revision
            for r in rm.iterate_revisions(
                arg(q.get("upper")),
                arg(q.get("lower")),
                inclusive=f[0],
                implicit_base=f[1],
                select_for_downgrade=f[2],
                assert_relative_length=not f[3],
            )
        ]
    if op == "current":
        return sorted(r.revision for r in sd.get_all_current(tuple(q["rows"])))
    if op == "history":
        base = head = None
        if a[0]:
            if ":" not in a[0]:
                raise CommandError("History range requires [start]:[end], [start]:, or :[end]")
            base, head = a[0].strip().split(":")
        return [r.revision for r in sd.walk_revisions(base=base or "base", head=head or "heads")]
    if op == "upgrade":
        return run_steps(sd._upgrade_revs(a[0], tuple(q["rows"])), q["rows"])
    if op == "downgrade":
        return run_steps(sd._downgrade_revs(a[0], tuple(q["rows"])), q["rows"])
    if op == "stamp":
        return run_steps(sd._stamp_revs(tuple(a), tuple(q["rows"])), q["rows"])
    raise ValueError(op)


def main():
    out = []
    for g in json.load(sys.stdin)["graphs"]:
        revs = []
        for r in g["revs"]:
            rev = Revision(
                r["id"],
                tuple(r["down"]) or None,
                dependencies=tuple(r["deps"]) or None,
                branch_labels=tuple(r["labels"]) or None,
            )
            rev.module = types.SimpleNamespace(upgrade=None, downgrade=None)
            revs.append(rev)
        sd = ScriptDirectory.__new__(ScriptDirectory)
        sd.revision_map = RevisionMap(lambda revs=revs: revs)
        answers = []
        for q in g["queries"]:
            try:
                answers.append({"ok": answer(sd, q)})
            except (CommandError, Exception) as e:
                # Python-level crashes (AssertionError, KeyError...) are not behaviour to copy.
                crash = not isinstance(e, CommandError) and type(e).__module__ == "builtins"
                answers.append({"error": str(e), "kind": type(e).__name__, "crash": crash})
        out.append(answers)
    json.dump(out, sys.stdout)


main()
