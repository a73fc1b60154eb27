package dialect

// Inspector is what autogenerate needs from a database: reflection and DDL rendering.
type Inspector interface{}
