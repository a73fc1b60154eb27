from alembic import op
import sqlalchemy as sa

revision = "p2"
down_revision = None


def upgrade():
    op.bulk_insert(
        sa.table("t", sa.column("id", sa.Integer)),
        [{"id": 1}],
    )


def downgrade():
    try:
        op.drop_table("t")
    except Exception:
        pass
