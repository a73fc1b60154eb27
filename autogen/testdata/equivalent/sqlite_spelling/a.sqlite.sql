CREATE TABLE "Item" (
    "id" integer not null primary key,
    "Name" varchar (30) default ('x'),
    price numeric( 10 , 2 ) CHECK(price>0),
    qty INTEGER DEFAULT (0)
);
CREATE INDEX ix_item ON "Item"( "Name" , qty DESC ) WHERE price>1;
