INSERT INTO person (id, name, current_mood) VALUES (1, 'ann', 'happy');
