-- Running downgrade 27c6a30d7c24 -> ae1027a6acf

DROP VIEW account_names;

UPDATE alembic_version SET version_num='ae1027a6acf' WHERE alembic_version.version_num = '27c6a30d7c24';

-- Running downgrade ae1027a6acf -> 1975ea83b712

ALTER TABLE account DROP COLUMN last_transaction_date;

UPDATE alembic_version SET version_num='1975ea83b712' WHERE alembic_version.version_num = 'ae1027a6acf';

-- Running downgrade 1975ea83b712 -> 

DROP TABLE account;

DELETE FROM alembic_version WHERE alembic_version.version_num = '1975ea83b712';

