-- WARNING: drops table alpha and all its rows
DROP TABLE alpha;

-- WARNING: drops table beta and all its rows
DROP TABLE beta;

-- WARNING: drops table yak and all its rows
DROP TABLE yak;
