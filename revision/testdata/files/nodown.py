"""missing down_revision"""
revision = 'n1'
