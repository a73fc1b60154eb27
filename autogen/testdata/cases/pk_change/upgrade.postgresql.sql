ALTER TABLE membership DROP CONSTRAINT membership_pkey;
ALTER TABLE membership ADD CONSTRAINT membership_pkey PRIMARY KEY (group_id, user_id);
