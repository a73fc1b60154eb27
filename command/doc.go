// Package command is retort's library API: one function per verb (Init, ListTemplates,
// Revision, Merge, Heads, Branches, History, Show, Edit, Upgrade, Downgrade, Stamp,
// Current, EnsureVersion, Check). Each takes a context, an options struct embedding Global
// (the -c/-n/-x options) and the stdout/stderr writers, prints exactly what Alembic
// prints, and returns an error whose text is the message to show after "FAILED: ".
//
// Commands that work on an existing project start with the project loader:
//
//	p, err := command.Load(opts.Global) // ini -> script_location -> version locations
//	                                    // -> revision.Scan -> graph.New
//	p.Config    // *config.Config
//	p.Files     // []*revision.File in load order (name order per location)
//	p.File(id)  // the file of a revision id (also p.ByID)
//	p.Map       // *graph.Map
//
// Load reports Alembic's messages (missing ini or section, missing script_location,
// missing script directory) and names the files behind a graph error (duplicate id,
// reference to a missing revision). Graph resolver errors are shown through
// graph.ToCommandError, as Alembic's command layer does.
//
// Two seams are filled by later packages: CurrentRows (db_todo.go, with the database
// commands) reads the version table for `history -i`, `show current` and `edit current`;
// Autogenerate (autogen_todo.go) supplies the section bodies of `revision --autogenerate`.
package command
