"""seed customers through the connection

Revision ID: f02
Revises: f01
"""
from alembic import op
import sqlalchemy as sa

revision = "f02"
down_revision = "f01"
branch_labels = None
depends_on = None


def upgrade():
    conn = op.get_bind()
    for i, name in enumerate(["ann", "bob", "cy"], start=1):
        conn.execute(sa.text("INSERT INTO customer (id, name) VALUES (:i, :n)"), {"i": i, "n": name})
    count = conn.execute(sa.text("SELECT count(*) FROM customer")).scalar()
    if count >= 3:
        conn.execute(sa.text("UPDATE customer SET tier = 'gold' WHERE id = 1"))


def downgrade():
    op.get_bind().execute(sa.text("DELETE FROM customer"))
