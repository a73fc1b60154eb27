ALTER TABLE membership DROP PRIMARY KEY;
ALTER TABLE membership ADD PRIMARY KEY (`group_id`, `user_id`);
