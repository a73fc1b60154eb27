from alembic import op
import sqlalchemy as sa
from myapp.types import Money

revision = "p3"
down_revision = None


def upgrade():
    op.add_column("t", sa.Column("m", Money()))


def downgrade():
    op.drop_column("t", "m")
