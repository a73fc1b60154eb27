revision = 'v1'
down_revision = compute_parent()
