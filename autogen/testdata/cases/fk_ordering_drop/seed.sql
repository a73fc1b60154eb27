INSERT INTO zeta (id) VALUES (1);
INSERT INTO yak (id, zeta_id) VALUES (1, 1);
INSERT INTO beta (id, yak_id) VALUES (1, 1);
INSERT INTO alpha (id, beta_id, yak_id) VALUES (1, 1, 1);
