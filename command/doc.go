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
// The database commands run through a Migrator (migrate.go), which Go programs use
// directly with migrations embedded in the binary and a *sql.DB or URL of their own:
//
//	p, err := command.LoadFS(migrationsFS, "migrations") // an embed.FS; no ini
//	m := &command.Migrator{Project: p, DB: db, Log: os.Stderr}
//	err = m.Upgrade(ctx, "head")                         // Downgrade, Stamp, Current, Rows...
//
// CurrentRows reads the version table for `history -i`, `show current` and `edit
// current` (creating it, as Alembic does). PlanAutogenerate (autogen.go) plans the
// sections of `revision --autogenerate` and the report of `check`. A revision body
// (body.go) is the statements of a .sql file, or the op calls of an Alembic .py file,
// rendered by pyop for the database the step runs on.
package command

import _ "github.com/retort-dev/retort/dialect/all" // every dialect, looked up by URL
