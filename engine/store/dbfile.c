/*
** dbfile.c — the file layer with fault injection (see dbfile.h).
*/
#include "store/dbfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static _Atomic int eFaultKind;
static _Atomic int64_t nFaultAt;     /* the operation that fails, counting from 1 */
static _Atomic int64_t nFaultSeen;   /* operations counted since armed */

void dbfile_fault(DbFault eKind, int64_t nth) {
  atomic_store(&nFaultSeen, 0);
  atomic_store(&nFaultAt, nth);
  atomic_store(&eFaultKind, (int)eKind);
}

int64_t dbfile_fault_count(void) { return atomic_load(&nFaultSeen); }

/* Counts one write (bSync false) or fsync and says which fault, if any,
** it must suffer now. */
static DbFault dbfileFaultNow(int bSync) {
  int eKind = atomic_load(&eFaultKind);
  if (eKind == DBFAULT_NONE) return DBFAULT_NONE;
  if ((eKind == DBFAULT_FSYNC) != (bSync != 0)) return DBFAULT_NONE;
  int64_t n = atomic_fetch_add(&nFaultSeen, 1) + 1;
  if (n != atomic_load(&nFaultAt)) return DBFAULT_NONE;
  atomic_store(&eFaultKind, DBFAULT_NONE);
  return (DbFault)eKind;
}

int dbfile_open(const char *zPath, int flags) {
  int fd;
  do {
    fd = open(zPath, flags | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

void dbfile_close(int fd) {
  if (fd >= 0) close(fd);
}

/* The write loop of dbfile_write and dbfile_write_at (iOfst < 0: at the
** file's offset). */
static int dbfileWrite(int fd, const char *p, size_t n, int64_t iOfst) {
  switch (dbfileFaultNow(0)) {
    case DBFAULT_SHORT_WRITE:
      if (n > 1) {
        size_t nHalf = n / 2;
        ssize_t k = iOfst < 0 ? write(fd, p, nHalf) : pwrite(fd, p, nHalf, (off_t)iOfst);
        (void)k;
      }
      return ENOSPC;
    case DBFAULT_EIO: return EIO;
    case DBFAULT_ENOSPC: return ENOSPC;
    default: break;
  }
  while (n > 0) {
    ssize_t k = iOfst < 0 ? write(fd, p, n) : pwrite(fd, p, n, (off_t)iOfst);
    if (k < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (k == 0) return EIO;
    p += k;
    n -= (size_t)k;
    if (iOfst >= 0) iOfst += k;
  }
  return 0;
}

int dbfile_write(int fd, const void *p, size_t n) { return dbfileWrite(fd, p, n, -1); }
int dbfile_write_at(int fd, const void *p, size_t n, int64_t iOfst) {
  return dbfileWrite(fd, p, n, iOfst);
}

int dbfile_read_at(int fd, void *p, size_t n, int64_t iOfst) {
  char *z = p;
  while (n > 0) {
    ssize_t k = pread(fd, z, n, (off_t)iOfst);
    if (k < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (k == 0) return -1;
    z += k;
    n -= (size_t)k;
    iOfst += k;
  }
  return 0;
}

int dbfile_sync(int fd) {
  if (dbfileFaultNow(1) == DBFAULT_FSYNC) return EIO;
  while (fdatasync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

int dbfile_truncate(int fd, int64_t n) {
  while (ftruncate(fd, (off_t)n) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

int64_t dbfile_size(int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0) return -1;
  return (int64_t)st.st_size;
}

int dbfile_sync_dir(const char *zDir) {
  int fd = dbfile_open(zDir, O_RDONLY | O_DIRECTORY);
  if (fd < 0) return errno;
  int rc = dbfile_sync(fd);
  /* Some file systems cannot fsync a directory; they order renames anyway. */
  if (rc == EINVAL || rc == EBADF) rc = 0;
  close(fd);
  return rc;
}

int dbfile_rename(const char *zFrom, const char *zTo, const char *zDir) {
  if (rename(zFrom, zTo) != 0) return errno;
  return dbfile_sync_dir(zDir);
}
