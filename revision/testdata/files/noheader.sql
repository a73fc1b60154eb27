-- just a comment
CREATE TABLE x (id int);
