CREATE TABLE yak (
    id integer NOT NULL,
    zeta_id integer,
    CONSTRAINT yak_pkey PRIMARY KEY (id),
    CONSTRAINT yak_zeta_id_fkey FOREIGN KEY (zeta_id) REFERENCES zeta(id)
);

CREATE TABLE beta (
    id integer NOT NULL,
    yak_id integer,
    CONSTRAINT beta_pkey PRIMARY KEY (id),
    CONSTRAINT beta_yak_id_fkey FOREIGN KEY (yak_id) REFERENCES yak(id)
);

CREATE TABLE alpha (
    id integer NOT NULL,
    beta_id integer,
    yak_id integer,
    CONSTRAINT alpha_pkey PRIMARY KEY (id),
    CONSTRAINT alpha_beta_id_fkey FOREIGN KEY (beta_id) REFERENCES beta(id),
    CONSTRAINT alpha_yak_id_fkey FOREIGN KEY (yak_id) REFERENCES yak(id)
);
