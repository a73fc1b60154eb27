CREATE TABLE t (a int4, b varchar(30), c bool, d timestamptz, e float8, f int8, g decimal(10, 2), h char(3));
