"""notes

Revision ID: v6
Revises: v5
"""
from alembic import op
import sqlalchemy as sa


revision = 'v6'
down_revision = 'v5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('note',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('body', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], name='fk_note_account'),
        sa.PrimaryKeyConstraint('id', name='pk_note'),
    )
    op.create_index('ix_note_account', 'note', ['account_id'], unique=False)


def downgrade() -> None:
    # the index goes with the table (MySQL will not drop an index its foreign key uses)
    op.drop_table('note')
