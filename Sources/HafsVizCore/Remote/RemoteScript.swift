/// The shell functions a `RemoteShell` defines on the remote side once per connection: a POSIX
/// shell and GNU coreutils (`dd` with byte offsets, `head -c`, `cksum`, `stat --printf`) are all
/// they use, and nothing is installed or written there. The listing uses GNU find's `-printf`
/// where there is one (one process for the whole tree), else a shell walk with one `stat` per
/// folder; both skip names that begin with `.` and symbolic links, and write the same records.
///
/// Replies are records ending in a NUL byte, a letter and tab-separated fields first:
/// - `S sum`: the listing is unchanged since the one whose `cksum` was `sum`;
/// - `C sum`, then one `d path` or `f size mtime ctime inode path` per entry: the listing;
/// - `D offset count size`, then exactly `count` bytes: a file's bytes from `offset` (0 when
///   its first bytes or the bytes before `offset` changed: a rewrite), then `E size` (its size
///   after the read: when smaller than `offset + count` the bytes are not to be trusted);
/// - `X reason`: the directory or file could not be read;
/// - `Z`: the end of a reply.
///
/// Every path arrives single-quoted (`SSHCommand.quote`); inside the functions it is only ever
/// expanded in double quotes after `--`, so no name can run as code or read as an option.
enum RemoteScript {
    static let definitions = #"""
        export LC_ALL=C
        hs() (
          d=$1
          set --
          for e in "$d"/*; do
            if [ -h "$e" ]; then :; elif [ -d "$e" ]; then printf 'd\t%s\0' "$e"; hs "$e"; elif [ -f "$e" ]; then set -- "$@" "$e"; fi
          done
          if [ $# -gt 0 ]; then stat --printf 'f\t%s\t%.9Y\t%.9Z\t%i\t%n\0' -- "$@" 2>/dev/null; fi
          :
        )
        hn=
        if find / -maxdepth 0 -printf '' >/dev/null 2>&1; then
          hw() { find "$1" -mindepth 1 -name '.*' -prune -o -type d -printf 'd\t%p\0' -o -type f -printf 'f\t%s\t%T@\t%C@\t%i\t%p\0' 2>/dev/null; }
        elif stat --printf '' / >/dev/null 2>&1; then
          hw() { hs "$1"; }
        else
          hw() { :; }
          hn=1
        fi
        hl() {
          if [ ! -d "$1" ]; then
            if [ -e "$1" ]; then printf 'X\tis not a directory\0'; else printf 'X\tno such directory\0'; fi
            return
          fi
          if [ -n "$hn" ]; then printf 'X\tthe host has neither GNU find nor GNU stat to list files with\0'; return; fi
          s=$(hw "$1" | cksum)
          if [ "$s" = "$2" ]; then printf 'S\t%s\0' "$s"; return; fi
          printf 'C\t%s\0' "$s"
          hw "$1"
        }
        hf() {
          if [ ! -f "$1" ]; then printf 'X\tis gone\0'; return; fi
          z=$(wc -c 2>/dev/null < "$1") || { printf 'X\tcannot be read\0'; return; }
          z=$((z))
          o=$2
          if [ "$o" -gt 0 ]; then
            if [ "$o" -gt "$z" ] || [ "$(head -c "$3" -- "$1" | cksum)" != "$4" ] || [ "$(tail -c +"$(($5 + 1))" -- "$1" | head -c "$6" | cksum)" != "$7" ]; then o=0; fi
          fi
          n=$((z - o))
          if [ "$n" -gt "$8" ]; then n=$8; fi
          printf 'D\t%s\t%s\t%s\0' "$o" "$n" "$z"
          { dd if="$1" bs=65536 iflag=skip_bytes,count_bytes skip="$o" count="$n" 2>/dev/null; cat /dev/zero; } | head -c "$n"
          z=$(wc -c 2>/dev/null < "$1") || z=0
          printf 'E\t%s\0' "$((z))"
        }
        """#
}
