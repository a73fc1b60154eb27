package mysql

import "strings"

// Temporary copy of the quoting of driver.go (being written on another branch); this file
// goes when that lands.

// QuoteIdent quotes an identifier with backticks only when SQLAlchemy's MySQL dialect
// would: names that are not lower case, hold characters other than [a-z0-9_$], start
// with a digit or '$', or are reserved words.
func (Dialect) QuoteIdent(name string) string {
	bare := name != "" && !reserved[name]
	for i := 0; bare && i < len(name); i++ {
		c := name[i]
		bare = c == '_' || (c >= 'a' && c <= 'z') || (i > 0 && (c >= '0' && c <= '9' || c == '$'))
	}
	if bare {
		return name
	}
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// Literal renders s as a string literal. MySQL reads a backslash in a literal as an
// escape (unless the server runs with NO_BACKSLASH_ESCAPES), so it is doubled, as
// SQLAlchemy's MySQL compiler does; a quote is doubled as everywhere.
func (Dialect) Literal(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
}

// reserved are the words SQLAlchemy's MySQL and MariaDB dialects quote (both servers'
// reserved words: quoting a word only one of them reserves is harmless).
var reserved = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`accessible add admin all alter analyze and array as asc asensitive before between bigint binary
blob both by call cascade case change char character check collate column condition
constraint continue convert create cross cube cume_dist current_date current_role current_time
current_timestamp current_user cursor database databases day_hour day_microsecond day_minute
day_second dec decimal declare default delayed delete dense_rank desc describe deterministic
distinct distinctrow div do_domain_ids double drop dual each else elseif elsif empty enclosed
escaped except exists exit explain false fetch first_value float float4 float8 for force foreign
from fulltext function general generated get get_master_public_key goto grant group grouping
groups having high_priority history hour_microsecond hour_minute hour_second if ignore
ignore_domain_ids ignore_server_ids in index infile inner inout insensitive insert int int1 int2
int3 int4 int8 integer intersect interval into io_after_gtids io_before_gtids is iterate join
json_table key keys kill lag last_value lateral lead leading leave left like limit linear lines
load localtime localtimestamp lock long longblob longtext loop low_priority master_bind
master_heartbeat_period master_ssl_verify_server_cert match maxvalue mediumblob mediumint
mediumtext member middleint minute_microsecond minute_second mod modifies natural
no_write_to_binlog not nth_value ntile null numeric of offset on optimize optimizer_costs option
optionally or order others out outer outfile over package page_checksum parse_gcol_expr
parse_vcol_expr partition percent_rank period persist persist_only position precision primary
procedure purge raise range rank read read_write reads real recursive ref_system_id references
regexp release rename repeat replace require resignal restrict return returning revoke right
rlike role row row_number rows rowtype schema schemas second_microsecond select sensitive
separator set show signal slow smallint spatial specific sql sql_after_gtids sql_before_gtids
sql_big_result sql_calc_found_rows sql_small_result sqlexception sqlstate sqlwarning ssl
starting stats_auto_recalc stats_persistent stats_sample_pages stored straight_join system
system_time table terminated then tinyblob tinyint tinytext to trailing trigger true undo union
unique unlock unsigned update usage use using utc_date utc_time utc_timestamp values varbinary
varchar varcharacter varying versioning virtual when where while window with without write xor
year_month zerofill`) {
		m[w] = true
	}
	return m
}()

// Name is the SQLAlchemy dialect name (temporary, see above).
func (Dialect) Name() string { return "mysql" }
