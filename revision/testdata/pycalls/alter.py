"""alter"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
revision = 'bbb'
down_revision = 'aaa'
def upgrade():
    op.alter_column('account', 'name',
               existing_type=sa.VARCHAR(length=50),
               type_=sa.String(length=100),
               nullable=True, server_default='x', new_column_name='nm', comment='c2')
    op.create_table_comment('account', 'hello', existing_comment=None, schema=None)
    op.drop_table_comment('account', existing_comment='hello')
    op.create_check_constraint('ck2', 'account', 'flag = true')
    op.add_column('account', sa.Column('tags', postgresql.ARRAY(sa.String()), nullable=True))
    op.add_column('account', sa.Column('u', postgresql.UUID(as_uuid=True), nullable=True))
    op.add_column('account', sa.Column('j', postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column('account', sa.Column('ts', postgresql.TIMESTAMP(timezone=True), nullable=True))
    op.add_column('account', sa.Column('ip', postgresql.INET(), nullable=True))
    op.add_column('account', sa.Column('e2', postgresql.ENUM('x', 'y', name='e2'), nullable=True))
def downgrade():
    pass
