CREATE SEQUENCE t_id_seq;
CREATE TABLE t (id integer NOT NULL DEFAULT nextval('t_id_seq'::regclass), n int4, CONSTRAINT t_pkey PRIMARY KEY (id));
ALTER SEQUENCE t_id_seq OWNED BY t.id;
