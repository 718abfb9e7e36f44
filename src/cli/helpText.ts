export const MAIN_HELP = `Usage: trailhound <command> [options]

Offline forensic analysis of Kubernetes API audit logs, on a case file (SQLite).

Commands:
  import <paths...> --case <file> [--json]   add log files and folders to a case (created if missing)
  sql <case> "<SELECT ...>" [--json | --csv]  run one read-only SQL statement over a case
  mark <case> --where "<SQL condition on events>" [--severity S] [--tag T]... [--note N] [--analyst A]
                                             mark the matching events as findings
  findings <case> --csv <out.csv>            export the findings (one row per event of each)
  export <case> [--where "<SQL condition>"] --csv <out.csv>
                                             export events, all or those matching

Options:
  -h, --help      show help (also: trailhound <command> --help)
  -V, --version   print the version

Standard output carries the result alone; messages and progress go to standard error.
Exit status: 0 success; 1 import completed but some line was rejected or some file is
partial or skipped; 2 usage error, missing path, unreadable or foreign case, invalid or
writing SQL; 70 internal error (a bug: please report it); 130 interrupted (Ctrl-C).
`;

export const IMPORT_HELP = `Usage: trailhound import <paths...> --case <file> [--json] [--cluster C] [--node N] [--year Y]
                        [--utc-offset Z | --utc-offset SOURCE=Z]...

Adds log files, folders and archives (.gz, .tar, .tar.gz, .zip, nested) to a case, creating
the case when the file does not exist. Each file is recognized by its content (Kubernetes audit
events and the managed clouds' exports, OpenSearch exports, auth.log/syslog, journald JSON,
Paralus/Rafay exports, pgaudit), hashed (SHA-256 of its bytes as stored) and parsed; a
malformed line is kept as a reject and counted, never aborting the import. A file already in
the case (same SHA-256) is skipped and adds nothing.

  <paths...>         files and folders; folders are read recursively, in name order
  -c, --case <file>  the case file to create or add to (written atomically: a temp file in
                     the same folder, then a rename; Ctrl-C leaves it unchanged)
      --cluster <C>  cluster of every event whose record names none (overrides the path)
      --node <N>     node likewise (syslog records name their own host)
      --year <Y>     year of syslog lines written without one (default: inferred from the
                     file's date, December to January handled)
      --utc-offset <Z>  zone of timestamps written without one, e.g. +01:00 (default UTC)
      --utc-offset <source>=<Z>
                     the same for the events of one source (kube-audit, authlog,
                     platform-audit, db-audit, other), winning over the zone above; repeat
                     it per source: --utc-offset authlog=+01:00 --utc-offset other=-05:00
      --csv-map <json>  a column mapping for CSV/TSV files no built-in format reads, saved in
                     the case and used from then on: {"name": "vpn", "columns": {"time":
                     "When", "user": "Who", "src_ip": "From", "action": "What"}} (fields: time,
                     user, src_ip, src_port, action, verb, cluster, node, namespace, resource,
                     name, status_code, user_agent, message; "timeFormat": iso, epoch-s, epoch-ms)
      --json         print the summary as one JSON object:
                     {"case", "created", "files": [{"id", "path", "size", "sha256", "format",
                     "lines", "events", "merged", "rejected", "blank", "status", "reason"}],
                     "totals": {...}, "case_events", "elapsed_ms"}
  -h, --help         show this help

Paths recorded in the case: a folder's files as <folder name>/<path inside it>, e.g.
logs/prod-eu-1/kube-apiserver/audit.log, from which the cluster (prod-eu-1) is read; a file
given directly as typed when relative and inside the current folder, else by its name.

Without --json, prints a table: path, format, lines, events, merged, rejected, blank, status,
reason, sha256 (lines = events + merged + rejected + blank). Progress is drawn on standard
error when it is a terminal; a one-line summary is always printed there at the end.

Exit status: 0 all lines taken; 1 some line rejected or some file partial or skipped;
2 usage error, missing path, an existing file that is not a readable case, or a case that
cannot be written (a full disk: the case is left as it was); 130 interrupted.
`;

export const SQL_HELP = `Usage: trailhound sql <case> "<SELECT ...>" [--json | --csv]

Runs one read-only SQL statement (SQLite dialect) over a case and prints the result. A
statement that would write is refused (exit 2) and the case file is never modified.
Main tables: events (the normalized events), files (provenance), rejects (malformed lines).

      --json   a JSON array with one object per row, keys in the query's column order,
               SQL types kept (integers and reals as numbers, NULL as null); a repeated
               column name gets a suffix (_2, _3...) so no value is lost
      --csv    CSV (RFC 4180, UTF-8, CRLF) with a header row; text that a spreadsheet would
               run as a formula (starting with = + - @ tab or CR) gets a leading apostrophe
  -h, --help   show this help

Without --json or --csv: an aligned table; NULL is an empty cell, and control characters
and terminal escapes from the logs are shown as \\xNN (invisible formatting characters as
\\u{XXXX}) so that they cannot act on your terminal.
BLOB values: lowercase hex strings in JSON and CSV; <blob N bytes> in the table.

Example: trailhound sql case.sqlite "SELECT user, count(*) AS n FROM events GROUP BY user ORDER BY n DESC" --csv
`;
