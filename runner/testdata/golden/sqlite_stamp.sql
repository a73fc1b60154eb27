CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running stamp_revision  -> ae1027a6acf

INSERT INTO alembic_version (version_num) VALUES ('ae1027a6acf');

