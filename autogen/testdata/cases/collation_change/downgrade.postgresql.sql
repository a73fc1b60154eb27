ALTER TABLE tag ALTER COLUMN label TYPE character varying(40) USING label::character varying(40);
