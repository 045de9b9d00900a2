#ifndef HAFS_GUARDED_MAP_H
#define HAFS_GUARDED_MAP_H

#include <stddef.h>

/* Read-only file mappings that survive the file being truncated under them.
 *
 * Reading a page of a mapping past the file's end raises SIGBUS, which would kill the process
 * when a producer truncates a file we are decoding (rewriting it in place starts that way).
 * While a guarded mapping is registered, a SIGBUS inside it is absorbed instead: the handler
 * maps zero pages from the faulting page to the end of the mapping, marks the mapping
 * truncated and returns, so the read sees zeros. The caller checks the mark after its last read
 * and reads the file again. A SIGBUS anywhere else goes to the handler that was there before. */

/* Maps `length` (> 0) bytes of `fd` read-only and registers the mapping. Returns the address,
 * or NULL with errno set (the caller then reads the file instead); `*slot` names the mapping
 * for the two calls below. */
void *hafs_guarded_map(int fd, size_t length, int *slot);

/* Whether a read of the mapping in `slot` found the file shorter than the mapping. */
int hafs_guarded_map_truncated(int slot);

/* Unregisters and unmaps the mapping in `slot`. */
void hafs_guarded_unmap(int slot);

/* How many faults the handler has absorbed since the process started (for tests and traces). */
long hafs_guarded_map_absorbed_faults(void);

#endif
