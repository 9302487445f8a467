/*
** dbfile.h — the file layer: every byte a database on disk writes or reads
** (snapshot, write-ahead log, lock file, directory) goes through these
** calls, and nothing else in the engine calls open/write/fsync for them.
**
** One layer gives two things. Errors come back as an errno value and the
** caller names the file in its message. And tests can inject faults: the
** Nth write from now comes back short and then fails, or fails with EIO or
** ENOSPC, or the Nth fsync fails, as a full disk or a failing device
** would (tests/unit/test_durable.c drives every kind through a commit).
*/
#ifndef TANGLE_DBFILE_H
#define TANGLE_DBFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Injected faults (dbfile_fault). */
typedef enum DbFault {
  DBFAULT_NONE = 0,
  DBFAULT_SHORT_WRITE,   /* the write stores half its bytes, then fails with ENOSPC */
  DBFAULT_EIO,           /* the write fails with EIO, storing nothing */
  DBFAULT_ENOSPC,        /* the write fails with ENOSPC, storing nothing */
  DBFAULT_FSYNC          /* the fsync fails with EIO */
} DbFault;

/* Arms a fault: the nth write (or fsync, for DBFAULT_FSYNC) from now,
** counting from 1, fails; every later one succeeds. DBFAULT_NONE disarms.
** Process-wide, for tests. */
void dbfile_fault(DbFault eKind, int64_t nth);
/* Writes (or fsyncs) counted since the fault was armed: lets a test find
** how many a commit does. */
int64_t dbfile_fault_count(void);

/* Opens zPath with open(2) flags (O_CLOEXEC is added); returns the file
** descriptor, or -1 with errno set. */
int dbfile_open(const char *zPath, int flags);
void dbfile_close(int fd);

/* Writes all n bytes at the file's offset (or at iOfst with the _at form),
** retrying short writes and EINTR. Returns 0 or an errno value. */
int dbfile_write(int fd, const void *p, size_t n);
int dbfile_write_at(int fd, const void *p, size_t n, int64_t iOfst);
/* Reads exactly n bytes at iOfst. Returns 0, an errno value, or -1 when
** the file ends first. */
int dbfile_read_at(int fd, void *p, size_t n, int64_t iOfst);
/* fdatasync(2). Returns 0 or an errno value. */
int dbfile_sync(int fd);
int dbfile_truncate(int fd, int64_t n);
int64_t dbfile_size(int fd);   /* -1 on error */

/* Makes a rename or a new file in directory zDir durable (fsync of the
** directory). Returns 0 or an errno value. */
int dbfile_sync_dir(const char *zDir);
/* rename(2), then the directory synced. Returns 0 or an errno value. */
int dbfile_rename(const char *zFrom, const char *zTo, const char *zDir);

#endif /* TANGLE_DBFILE_H */
