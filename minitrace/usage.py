"""The text of `minitrace --help`, in strace's grouping and wording style."""

TEXT = """\
Usage: minitrace [-ACdffhiqqrtttTvVwxxyyzZ] [-I N] [-b execve] [-e EXPR]...
                 [-a COLUMN] [-o FILE] [-s STRSIZE] [-X FORMAT] [-O OVERHEAD]
                 [-S SORTBY] [-U COLUMNS] [-P PATH]... [-p PID]...
                 { -p PID | [-DDD] [-E VAR=VAL]... [-u USERNAME] PROG [ARGS] }

General:
  -e EXPR        a qualifying expression: OPTION=[!]all or OPTION=[!]VAL1[,VAL2]...
     options:    trace, signal, status, quiet

Startup:
  -E VAR=VAL, --env=VAR=VAL
                 put VAR=VAL in the environment for command
  -E VAR, --env=VAR
                 remove VAR from the environment for command
  -p PID, --attach=PID
                 trace process with process id PID, may be repeated

Tracing:
  -f, --follow-forks
                 follow forks
  -ff, --follow-forks --output-separately
                 follow forks with output into separate files

Filtering:
  -e trace=[!][?]{{SYSCALL|%CLASS|/REGEX}[@64|@32|@x32]|all|none},
   --trace=[!][?]{{SYSCALL|%CLASS|/REGEX}[@64|@32|@x32]|all|none}
                 trace only specified syscalls.
  -e signal=SET, --signal=SET
                 trace only the specified set of signals
  -e status=SET, --status=SET
                 print only system calls with the return statuses in SET
  -z, --successful-only
                 print only syscalls that returned without an error code
  -Z, --failed-only
                 print only syscalls that returned with an error code

Statistics:
  -c, --summary-only
                 count time, calls, and errors for each syscall and report summary
  -C, --summary  like -c, but also print the regular output
  -O OVERHEAD[UNIT], --summary-syscall-overhead=OVERHEAD[UNIT]
                 set overhead for tracing syscalls to OVERHEAD UNITs
  -S SORTBY, --summary-sort-by=SORTBY
                 sort syscall counts by: time, min-time, max-time, avg-time,
                 calls, errors, name, nothing (default time)
  -U COLUMNS, --summary-columns=COLUMNS
                 show specific columns in the summary report: comma-separated
                 list of time-percent, total-time, min-time, max-time,
                 avg-time, calls, errors, name
  -w, --summary-wall-clock
                 summarise syscall latency (default is system time)

Output format:
  -a COLUMN, --columns=COLUMN
                 alignment COLUMN for printing syscall results (default 40)
  -n, --syscall-number
                 print syscall number
  -o FILE, --output=FILE
                 send trace output to FILE instead of stderr
  -A, --output-append-mode
                 open the file provided in the -o option in append mode
  --output-separately
                 output into separate files (by appending pid to file names)
  -q, --quiet=attach,personality
                 suppress messages about attaching, detaching, etc.
  -qq, --quiet=attach,personality,exit
                 suppress messages about process exit status as well.
  -r, --relative-timestamps
                 print relative timestamp
  -s STRSIZE, --string-limit=STRSIZE
                 limit length of print strings to STRSIZE chars (default 32)
  -t, --absolute-timestamps
                 print absolute timestamp
  -tt, --absolute-timestamps=precision:us
                 print absolute timestamp with usecs
  -ttt, --absolute-timestamps=format:unix,precision:us
                 print absolute UNIX time with usecs
  -T, --syscall-times
                 print time spent in each syscall
  -v, --no-abbrev
                 verbose mode: print entities unabbreviated
  -x, --strings-in-hex=non-ascii
                 print non-ascii strings in hex
  -xx, --strings-in-hex[=all]
                 print all strings in hex
  -X FORMAT, --const-print-style=FORMAT
                 print named constants in raw, abbrev or verbose form
  --always-show-pid
                 always show pid prefix

Miscellaneous:
  -h, --help     print help message
  -V, --version  print version
"""
