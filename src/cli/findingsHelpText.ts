export const MARK_HELP = `Usage: trailhound mark <case> --where "<SQL condition on events>" [--severity S] [--tag T]... [--note N] [--analyst A]

Marks each event matching the condition as a finding (for scripted triage), logs who did it in
the case's activity log, and writes the case back atomically.

      --where <cond>     a SQL condition over the events view (SQLite dialect), e.g.
                         "user = 'alice@corp.example' AND verb = 'delete'"; it is only read
                         (a condition that would write, or holds a second statement, is refused)
      --severity <S>     info, low, medium, high or critical (default info)
      --tag <T>          a tag; repeat for several (the ATT&CK tactics are good tags: initial
                         access, execution, persistence, privilege escalation, credential
                         access, discovery, lateral movement, impact); ';' is not allowed in a tag
      --note <N>         the note of each finding
      --analyst <A>      who marks (default: $TRAILHOUND_ANALYST, else the login name)
  -h, --help             show this help

One finding per matching event, at most 10,000 per run. An event that already carries a
finding with the same severity, tags and note is left alone, so running the same command
twice adds nothing. Prints how many findings were added on standard output.

Exit status: 0 done (also when nothing matched); 2 usage error, unreadable or foreign case,
invalid condition or one that would write, too many matches.
`;

export const FINDINGS_HELP = `Usage: trailhound findings <case> --csv <out.csv> [--excel] [--activity <log.csv>] [--timesketch <out.jsonl>]

Exports the case's findings, in time order, one row per event of each finding. The case is
only read. Each output is written atomically (a temp file, then a rename).

      --csv <file>          the findings CSV (RFC 4180, UTF-8, CRLF) with exactly this header:
                            finding_id,time_utc,source,cluster,node,user,src_ip,action,namespace,
                            resource,name,status_code,severity,tags,note,analyst,file,line,
                            file_sha256,audit_id
                            (time_utc in ISO 8601 UTC; tags separated by ';'; file is the path as
                            in the files table; an empty value is an empty cell; text that a
                            spreadsheet would run as a formula, starting with = + - @ tab or CR,
                            gets a leading apostrophe; numbers stay numbers)
      --excel               start the CSV files with a byte order mark, for Excel
      --activity <file>     the activity log (chain of custody) as CSV:
                            time_utc,actor,action,details,app_version
      --timesketch <file>   the findings' events as Timesketch JSON lines (message, datetime,
                            timestamp_desc, the event's fields, finding_severity, finding_tags...)
  -h, --help                show this help

The findings CSV can be imported back into a case in the app (no duplicates in the same case).

Exit status: 0 written; 2 usage error, unreadable or foreign case, an output that cannot be written.
`;

export const EXPORT_HELP = `Usage: trailhound export <case> [--where "<SQL condition>"] --csv <out.csv> [--excel] [--timesketch <out.jsonl>]

Exports events (all of them, or those matching the condition) in time order, streamed: a
million events never sit in memory at once. The case is only read; outputs are written
atomically (a temp file, then a rename).

      --where <cond>        a SQL condition over the events view (SQLite dialect), e.g.
                            "src_ip = '203.0.113.7' AND status_code IN (401, 403)"; read only
      --csv <file>          CSV (RFC 4180, UTF-8, CRLF): every column of the events view, with
                            id as event_id, ts as time_utc (ISO 8601 UTC), and the file as its
                            path and SHA-256; formula-looking text gets a leading apostrophe
      --excel               start the CSV with a byte order mark, for Excel
      --timesketch <file>   Timesketch JSON lines (message, datetime, timestamp_desc, fields)
  -h, --help                show this help

Progress is drawn on standard error when it is a terminal; the count is printed at the end.

Exit status: 0 written; 2 usage error, unreadable or foreign case, invalid condition or one
that would write, an output that cannot be written.
`;
