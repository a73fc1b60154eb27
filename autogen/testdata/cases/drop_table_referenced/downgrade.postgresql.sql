CREATE TABLE region (
    id integer NOT NULL,
    name text,
    CONSTRAINT region_pkey PRIMARY KEY (id)
);

ALTER TABLE store ADD CONSTRAINT store_region_id_fkey FOREIGN KEY (region_id) REFERENCES region(id);
