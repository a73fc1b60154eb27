CREATE TABLE t (a integer, b character varying(30), c boolean, d timestamp with time zone, e double precision, f bigint, g numeric(10,2), h character(3));
