INSERT INTO account (id, name) VALUES (1, 'ann');
INSERT INTO deposit (id, account_id, amount) VALUES (1, 1, 500);
