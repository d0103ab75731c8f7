// Linux system calls that Swift's Glibc module does not import (they need _GNU_SOURCE).
#ifndef PAIL_CLINUX_SHIM_H
#define PAIL_CLINUX_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

/// Copies up to `length` bytes from `in` to `out` at their file offsets, inside the kernel.
static inline long pail_copy_file_range(int in, int out, size_t length) {
    return syscall(SYS_copy_file_range, in, NULL, out, NULL, length, 0);
}

/// Starts writeback of a byte range without waiting for it (SYNC_FILE_RANGE_WRITE).
static inline int pail_start_writeback(int fd, long long offset, long long length) {
    return (int)syscall(SYS_sync_file_range, fd, offset, length, 2);
}

/// Flushes the whole file system holding `fd` to disk.
static inline int pail_syncfs(int fd) {
    return (int)syscall(SYS_syncfs, fd);
}

/// Writes out what standard output has buffered; 0, or the errno of a write that failed now or before.
static inline int pail_flush_stdout(void) {
    if (fflush(stdout) != 0) return errno != 0 ? errno : EIO;
    return ferror(stdout) ? EIO : 0;
}

/// Takes a POSIX record lock for writing on the first byte of `fd`, without waiting: 0, or -1 with errno
/// (EAGAIN or EACCES while another process holds it).
static inline int pail_try_write_lock(int fd) {
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
    return fcntl(fd, F_SETLK, &lock);
}

/// Releases the lock `pail_try_write_lock` took.
static inline int pail_unlock(int fd) {
    struct flock lock = { .l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
    return fcntl(fd, F_SETLK, &lock);
}

/// The pid of the process holding that lock: 0 if none does, -1 with errno on failure.
static inline int pail_write_lock_holder(int fd) {
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
    if (fcntl(fd, F_GETLK, &lock) != 0) return -1;
    return lock.l_type == F_UNLCK ? 0 : lock.l_pid;
}

#endif
