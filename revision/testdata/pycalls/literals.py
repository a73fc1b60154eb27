revision = 'l1'
down_revision = None
def upgrade():
    op.create_table("t", sa.Column('n', sa.Numeric(10, -2), server_default=("a" 'b'), nullable=None),
        sa.CheckConstraint(sqltext='x > 1'), (1,), (), [True, False,], sa.Column('q', mysql.INTEGER(display_width=11)),)
def downgrade():
    op.drop_table('t') if x else None
