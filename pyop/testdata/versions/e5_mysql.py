"""mysql forms

Revision ID: e5
Revises: a1
Create Date: 2026-12-06 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql


# revision identifiers, used by Alembic.
revision = 'e5'
down_revision = 'a1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('member',
    sa.Column('id', mysql.INTEGER(unsigned=True), nullable=False),
    sa.Column('name', sa.String(length=30), nullable=False, comment="the member's name"),
    sa.Column('status', sa.Enum('new', 'it''s', name='member_status'), server_default='new', nullable=False),
    sa.Column('kind', mysql.ENUM('a', 'b'), nullable=True),
    sa.Column('joined', sa.DateTime(), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=True),
    sa.Column('stamp', sa.TIMESTAMP(), nullable=True),
    sa.Column('touched', mysql.TIMESTAMP(fsp=6), server_default=sa.text('CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)'), nullable=False),
    sa.Column('flag', mysql.TINYINT(display_width=1), server_default=sa.text('0'), nullable=True),
    sa.Column('code', mysql.INTEGER(display_width=5, unsigned=True, zerofill=True), nullable=True),
    sa.Column('path', sa.String(length=20), server_default='a\\b', nullable=True),
    sa.Column('body', mysql.LONGTEXT(), nullable=True),
    sa.Column('price', mysql.DECIMAL(precision=10, scale=2, unsigned=True), nullable=True),
    sa.Column('ratio', mysql.DOUBLE(), nullable=True),
    sa.Column('born', mysql.YEAR(), nullable=True),
    sa.Column('blob', mysql.MEDIUMBLOB(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.CheckConstraint('price > 0', name='ck_member_price'),
    mysql_engine='InnoDB', mysql_default_charset='utf8mb4', mysql_collate='utf8mb4_bin',
    comment='club members'
    )
    op.create_table('visit',
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('member_id', mysql.INTEGER(unsigned=True), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name='fk_visit_member', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_visit_member_id'), 'visit', ['member_id'], unique=False)
    op.create_index('ix_member_name_prefix', 'member', ['name'], unique=False, mysql_length=10)
    op.create_index('ix_member_body', 'member', ['body'], unique=False, mysql_prefix='FULLTEXT')
    op.create_index('ix_member_hash', 'member', ['code'], unique=False, mysql_using='hash')
    op.add_column('visit', sa.Column('note', sa.String(length=50), nullable=True, comment='free text'))
    op.alter_column('visit', 'note', existing_type=sa.String(length=50), type_=sa.String(length=100), existing_nullable=True, existing_comment='free text')
    op.alter_column('visit', 'note', existing_type=sa.String(length=100), nullable=False, existing_comment='free text')
    op.alter_column('visit', 'note', existing_type=sa.String(length=100), server_default='x', existing_nullable=False)
    op.alter_column('visit', 'note', existing_type=sa.String(length=100), new_column_name='remark', existing_nullable=False, existing_server_default='x')
    op.alter_column('visit', 'id', existing_type=sa.BigInteger(), autoincrement=True, existing_nullable=False)
    op.alter_column('member', 'name', existing_type=sa.String(length=30), comment='new comment', existing_nullable=False, existing_comment="the member's name")
    op.alter_column('member', 'joined', existing_type=sa.DateTime(), nullable=False, existing_server_default=sa.text('CURRENT_TIMESTAMP'))
    op.alter_column('visit', 'remark', existing_type=sa.String(length=100), server_default=None, existing_nullable=False)
    op.drop_constraint('fk_visit_member', 'visit', type_='foreignkey')
    op.drop_index(op.f('ix_visit_member_id'), table_name='visit')
    op.create_foreign_key('fk_visit_member', 'visit', 'member', ['member_id'], ['id'], ondelete='CASCADE')
    op.drop_constraint('name', 'member', type_='unique')
    op.create_unique_constraint('uq_member_name', 'member', ['name'])
    op.drop_constraint('ck_member_price', 'member', type_='check')
    op.create_check_constraint('ck_member_price2', 'member', 'price >= 0')
    op.create_table_comment('visit', "visits, it's all")
    op.drop_table_comment('visit')
    op.rename_table('visit', 'member_visit')
    op.drop_column('member_visit', 'remark')
    op.execute("UPDATE member SET path = 'a\\\\b'")


def downgrade() -> None:
    op.add_column('member_visit', sa.Column('remark', sa.String(length=100), nullable=False))
    op.rename_table('member_visit', 'visit')
    op.drop_constraint('uq_member_name', 'member', type_='unique')
    op.drop_constraint('fk_visit_member', 'visit', type_='foreignkey')
    op.drop_constraint('PRIMARY', 'visit', type_='primary')
    op.drop_index('ix_member_hash', table_name='member')
    op.drop_table('visit')
    op.drop_table('member')
