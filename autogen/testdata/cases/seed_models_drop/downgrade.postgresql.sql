CREATE TABLE user_account (
    id serial NOT NULL,
    name character varying(30) NOT NULL,
    fullname character varying(30),
    CONSTRAINT user_account_pkey PRIMARY KEY (id)
);

CREATE TABLE address (
    id serial NOT NULL,
    email_address character varying(30) NOT NULL,
    user_id integer NOT NULL,
    CONSTRAINT address_pkey PRIMARY KEY (id),
    CONSTRAINT address_user_id_fkey FOREIGN KEY (user_id) REFERENCES user_account(id)
);
CREATE INDEX ix_address_user_id ON address USING btree (user_id);
