"""retort's Python helper: runs Alembic revision functions, one step per request.

retort starts this program once per command with the project's interpreter and talks
to it in JSON lines: requests on stdin, answers on the original stdout. Anything the
revisions print goes to stderr, which retort passes on as log output.
"""
import io
import json
import os
import sys
import traceback

_answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr


def answer(**fields):
    _answers.write(json.dumps(fields) + "\n")
    _answers.flush()


def failure(exc, path):
    """The error of a revision function: the line of the revision file where it was
    raised (the innermost frame in that file), and the exception as Python prints it."""
    line = 0
    if isinstance(exc, SyntaxError) and exc.filename and os.path.abspath(exc.filename) == path:
        line = exc.lineno or 0
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            if os.path.abspath(frame.filename) == path:
                line = frame.lineno
    msg = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return dict(error=msg.splitlines()[-1] if msg else type(exc).__name__, line=line,
                traceback="".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


class Helper:
    def __init__(self, hello):
        import sqlalchemy
        from alembic.operations import Operations
        from alembic.runtime.migration import MigrationContext
        from alembic.util import load_python_file

        self.sa = sqlalchemy
        self.Operations = Operations
        self.MigrationContext = MigrationContext
        self.load_python_file = load_python_file
        self.url = hello.get("url", "")
        self.conn = None
        self.modules = {}

    def connection(self):
        if self.conn is None:
            sa = self.sa
            url = self.url
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://"):]
            engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
            if engine.dialect.name == "sqlite":
                # pysqlite commits DDL on its own; let BEGIN come from SQLAlchemy so that a
                # body and its version row share one transaction (SQLAlchemy's recipe).
                @sa.event.listens_for(engine, "connect")
                def _connect(dbapi_connection, record):
                    dbapi_connection.isolation_level = None
                    dbapi_connection.execute("PRAGMA busy_timeout = 30000")

                @sa.event.listens_for(engine, "begin")
                def _begin(conn):
                    conn.exec_driver_sql("BEGIN")

            self.conn = engine.connect()
        return self.conn

    def module(self, path):
        if path not in self.modules:
            self.modules[path] = self.load_python_file(os.path.dirname(path), os.path.basename(path))
        return self.modules[path]

    def online(self, req):
        fn = getattr(self.module(req["path"]), req["fn"])
        conn = self.connection()
        ctx = self.MigrationContext.configure(
            connection=conn, opts={"transaction_per_migration": True})
        with ctx.begin_transaction(_per_migration=True):
            with self.Operations.context(ctx):
                fn()
            for sql in req.get("version_sql") or []:
                ctx.connection.exec_driver_sql(sql)
        return {}

    def offline(self, req):
        fn = getattr(self.module(req["path"]), req["fn"])
        buf = io.StringIO()
        ctx = self.MigrationContext.configure(
            dialect_name=req["dialect"],
            opts={"as_sql": True, "output_buffer": buf, "literal_binds": True})
        with self.Operations.context(ctx):
            fn()
        return {"sql": buf.getvalue()}


def versions():
    """The releases of Python, Alembic and SQLAlchemy, found without importing them (the
    imports take most of the helper's start-up, which thus overlaps retort's own work);
    None when one is missing."""
    import importlib.util
    import re

    out = dict(python=sys.version.split()[0])
    for name in ("alembic", "sqlalchemy"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            return None, "cannot import %s with %s (Python %s)" % (name, sys.executable, out["python"])
        with open(spec.origin, encoding="utf-8") as f:
            m = re.search(r"^__version__\s*=\s*[\"']([^\"']+)", f.read(), re.M)
        out[name] = m.group(1) if m else "unknown"
    return out, None


def main():
    line = sys.stdin.readline()
    if not line:
        return
    hello = json.loads(line)
    sys.path[:0] = hello.get("sys_path") or []
    found, missing = versions()
    if missing:
        answer(error=missing)
        return
    answer(**found)
    try:
        helper, broken = Helper(hello), None
    except ImportError as exc:
        helper, broken = None, "cannot import Alembic with %s: %s" % (sys.executable, exc)
    for line in sys.stdin:
        req = json.loads(line)
        path = os.path.abspath(req.get("path", ""))
        req["path"] = path
        if broken:
            answer(error=broken, line=0)
            continue
        try:
            out = getattr(helper, req["op"])(req)
        except BaseException as exc:  # the revision's failure is the step's answer
            if isinstance(exc, KeyboardInterrupt):
                raise
            answer(**failure(exc, path))
            continue
        answer(**out)


if __name__ == "__main__":
    main()
