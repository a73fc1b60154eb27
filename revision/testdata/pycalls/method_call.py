revision = 'm1'
down_revision = None
def upgrade():
    op.add_column('t', sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False))
def downgrade():
    op.add_column('t', sa.Column('x', sa.Integer().with_variant(sa.Text(), 'sqlite').with_variant(sa.SmallInteger(), 'mysql')))
