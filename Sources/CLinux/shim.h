// Linux system calls that Swift's Glibc module does not import (they need _GNU_SOURCE).
#ifndef PAIL_CLINUX_SHIM_H
#define PAIL_CLINUX_SHIM_H

#include <errno.h>
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

#endif
