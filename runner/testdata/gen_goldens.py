#!/usr/bin/env python3
"""Regenerates golden/*.sql from real Alembic's --sql output. See README.md."""
import os, re, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
revdir = os.path.join(here, "revisions")

# name -> (url, alembic arguments, -x options); must match offlineCases in offline_test.go
CASES = {
    "sqlite_upgrade": ("sqlite:///x.db", ["upgrade", "head", "--sql"], {}),
    "sqlite_upgrade_from": ("sqlite:///x.db", ["upgrade", "1975ea83b712:head", "--sql"], {}),
    "sqlite_downgrade": ("sqlite:///x.db", ["downgrade", "27c6a30d7c24:base", "--sql"], {}),
    "sqlite_stamp": ("sqlite:///x.db", ["stamp", "ae1027a6acf", "--sql"], {}),
    "sqlite_ensure_version": ("sqlite:///x.db", ["ensure_version", "--sql"], {}),
    "pg_upgrade": ("postgresql://u:secret@localhost/db", ["upgrade", "head", "--sql"], {}),
    "pg_downgrade": ("postgresql://u:secret@localhost/db", ["downgrade", "27c6a30d7c24:base", "--sql"], {}),
    "pg_upgrade_tpm_schema": ("postgresql://u:secret@localhost/db", ["upgrade", "head", "--sql"],
                              {"tpm": "1", "schema": "s1", "table": "my_version", "pk": "0"}),
    "pg_ensure_version": ("postgresql://u:secret@localhost/db", ["ensure_version", "--sql"], {}),
    "mysql_upgrade": ("mysql+pymysql://u:secret@localhost/db", ["upgrade", "head", "--sql"], {}),
    "mysql_downgrade": ("mysql+pymysql://u:secret@localhost/db", ["downgrade", "27c6a30d7c24:base", "--sql"], {}),
    "mariadb_upgrade_tpm_schema": ("mariadb+pymysql://u:secret@localhost/db", ["upgrade", "head", "--sql"],
                                   {"tpm": "1", "schema": "s1", "table": "my_version", "pk": "0"}),
}

ENV = '''
from alembic import context
from sqlalchemy import create_engine
x = context.get_x_argument(as_dictionary=True)
opts = dict(
    transaction_per_migration=x.get("tpm") == "1",
    version_table=x.get("table", "alembic_version"),
    version_table_schema=x.get("schema"),
    version_table_pk=x.get("pk", "1") == "1",
)
url = context.config.get_main_option("sqlalchemy.url")
if context.is_offline_mode():
    context.configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"}, **opts)
    with context.begin_transaction():
        context.run_migrations()
else:
    with create_engine(url).connect() as connection:
        context.configure(connection=connection, **opts)
        with context.begin_transaction():
            context.run_migrations()
'''


def body(path, transactional):
    sql = open(path).read()
    stmts = [s.strip() for s in sql.split(";\n") if s.strip()]
    if not stmts:
        return "    pass\n"
    calls = "".join("    %sop.execute(%r)\n" % ("    " if not transactional else "", s) for s in stmts)
    if not transactional:
        return "    with op.get_context().autocommit_block():\n" + calls
    return calls


def build_project(tmp):
    """Writes an Alembic project for the chain into tmp (alembic.ini, mig/)."""
    subprocess.run(["alembic", "init", "mig"], cwd=tmp, check=True, capture_output=True)
    open(os.path.join(tmp, "mig", "env.py"), "w").write(ENV)
    for line in open(os.path.join(revdir, "graph.txt")):
        if line.startswith("#") or not line.strip():
            continue
        rev, down, trans, msg = line.split(None, 3)
        trans = trans == "true"
        down = None if down == "-" else down
        with open(os.path.join(tmp, "mig", "versions", rev + ".py"), "w") as f:
            f.write('"""%s"""\nfrom alembic import op\n' % msg.strip())
            f.write("revision = %r\ndown_revision = %r\nbranch_labels = None\ndepends_on = None\n" % (rev, down))
            f.write("def upgrade():\n" + body(os.path.join(revdir, rev + ".up.sql"), trans))
            f.write("def downgrade():\n" + body(os.path.join(revdir, rev + ".down.sql"), trans))


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--project":
        build_project(sys.argv[2])  # for the runner's interoperability test
        return
    tmp = tempfile.mkdtemp()
    try:
        build_project(tmp)
        os.makedirs(os.path.join(here, "golden"), exist_ok=True)
        for name, (url, args, xs) in CASES.items():
            cmd = ["alembic", "-x", "dummy=1"]
            for k, v in xs.items():
                cmd += ["-x", "%s=%s" % (k, v)]
            ini = os.path.join(tmp, "alembic.ini")
            text = open(ini).read()
            open(ini, "w").write(re.sub(r"(?m)^sqlalchemy.url = .*$", "sqlalchemy.url = " + url, text))
            out = subprocess.run(cmd + args, cwd=tmp, check=True, capture_output=True, text=True).stdout
            # retort follows Alembic >= 1.19 (#1822): no DROP TABLE of the version table.
            out = re.sub(r"(?m)^DROP TABLE [\w.]*version;\n\n", "", out)
            # SQLAlchemy 1.4 artifact on PostgreSQL; retort's INSERT has no RETURNING.
            out = re.sub(r" RETURNING [\w.]*version\.version_num;", ";", out)
            open(os.path.join(here, "golden", name + ".sql"), "w").write(out)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
