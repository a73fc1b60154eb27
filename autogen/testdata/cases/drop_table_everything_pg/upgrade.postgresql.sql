-- WARNING: drops table Order and all its rows
DROP TABLE "Order";

DROP TYPE visibility;
