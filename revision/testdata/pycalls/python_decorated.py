from alembic import op

revision = "p5"
down_revision = None


def logged(fn):
    return fn


@logged
def upgrade():
    op.drop_table("t")


def downgrade():
    with op.get_context().autocommit_block():
        op.execute("CREATE INDEX CONCURRENTLY ix ON t (x)")
