"""Print the CREATE statements of a module's SQLAlchemy models: the desired schema that
retort's target_metadata_cmd reads.

    python3 print_ddl.py MODULE [DIALECT]

DIALECT is sqlite, postgresql, mysql or mariadb; when it is left out, $RETORT_DIALECT, which retort
sets to the dialect of the database it compares with. In alembic.ini:

    target_metadata_cmd = python3 print_ddl.py models %(dialect)s

MODULE must define `metadata`, or `Base` (a declarative base) whose metadata holds the
tables. The statements come out in dependency order (a table after the tables its foreign
keys name), each ending with ";".
"""
import importlib
import os
import sys

from sqlalchemy import MetaData, create_mock_engine


def metadata_of(module):
    md = getattr(module, "metadata", None)
    if not isinstance(md, MetaData):
        md = getattr(getattr(module, "Base", None), "metadata", None)
    if not isinstance(md, MetaData):
        sys.exit(f"print_ddl.py: {module.__name__} has neither `metadata` nor `Base.metadata`")
    return md


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    dialect = argv[2] if len(argv) == 3 else os.environ.get("RETORT_DIALECT", "")
    if dialect not in ("sqlite", "postgresql", "mysql", "mariadb"):
        sys.exit(f"print_ddl.py: name the dialect (sqlite, postgresql, mysql or mariadb), not {dialect!r}")
    sys.path.insert(0, os.getcwd())
    md = metadata_of(importlib.import_module(argv[1]))

    def emit(statement, *args, **kwargs):
        print(str(statement.compile(dialect=engine.dialect)).strip() + ";\n")

    # A mock engine compiles DDL for the dialect without a database or its driver.
    engine = create_mock_engine(f"{dialect}://", emit)
    md.create_all(engine, checkfirst=False)


if __name__ == "__main__":
    main(sys.argv)
