ALTER TABLE tag ALTER COLUMN label TYPE character varying(40) COLLATE "C" USING label::character varying(40);
