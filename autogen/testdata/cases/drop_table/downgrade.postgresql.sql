CREATE TABLE address (
    id integer NOT NULL,
    user_id integer NOT NULL,
    email character varying(100) NOT NULL,
    CONSTRAINT address_pkey PRIMARY KEY (id),
    CONSTRAINT address_user_id_fkey FOREIGN KEY (user_id) REFERENCES user_account(id)
);
CREATE INDEX ix_address_user_id ON address USING btree (user_id);
