from alembic import op
import sqlalchemy as sa

revision = "p6"
down_revision = None


def upgrade():
    op.create_view("v", sa.select(sa.literal(1)))


def downgrade():
    op.execute(f"DROP VIEW {'v'}")
