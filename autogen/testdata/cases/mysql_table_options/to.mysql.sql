CREATE TABLE audit (
    id INT NOT NULL PRIMARY KEY,
    msg VARCHAR(100),
    doc JSON,
    CHECK (id > 0)
) ENGINE=MyISAM COMMENT='audit trail';
