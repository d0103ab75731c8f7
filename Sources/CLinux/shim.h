// Linux system calls that Swift's Glibc module does not import (they need _GNU_SOURCE), and the CRCs of
// S3's flexible checksums (zlib's CRC-32, the CPU's CRC-32C instruction, a CRC-64/NVME slicing table).
#ifndef PAIL_CLINUX_SHIM_H
#define PAIL_CLINUX_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <zlib.h>

/// Copies up to `length` bytes from `in` to `out` at their file offsets, inside the kernel.
static inline long pail_copy_file_range(int in, int out, size_t length) {
    return syscall(SYS_copy_file_range, in, NULL, out, NULL, length, 0);
}

/// Starts writeback of a byte range without waiting for it (SYNC_FILE_RANGE_WRITE).
static inline int pail_start_writeback(int fd, long long offset, long long length) {
    return (int)syscall(SYS_sync_file_range, fd, offset, length, 2);
}

/// Fills `buffer` with `length` (at most 256) random bytes from the kernel's generator in one `getrandom`;
/// 0, or -1 with errno.
static inline int pail_random_bytes(void *buffer, size_t length) {
    long count;
    do { count = syscall(SYS_getrandom, buffer, length, 0); } while (count < 0 && errno == EINTR);
    return count == (long)length ? 0 : -1;
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

/// Appends `count` bytes to standard output's buffer: 0, or the errno of a write that failed (a write
/// larger than the buffer goes out at once, so its error is known only here).
static inline int pail_write_stdout(const void *bytes, size_t count) {
    if (fwrite(bytes, 1, count, stdout) == count) return 0;
    return errno != 0 ? errno : EIO;
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

/// CRC-32 (the zlib/PNG/Ethernet polynomial) of `length` bytes after `crc` (0 to start): zlib's own.
static inline uint32_t pail_crc32(uint32_t crc, const void *bytes, size_t length) {
    return (uint32_t)crc32_z(crc, (const Bytef *)bytes, length);
}

/// Fills `table` (8 × 256 entries) for slicing-by-8 of the reflected CRC-64 polynomial `reflected`.
static inline void pail_crc64_table(uint64_t reflected, uint64_t *table) {
    for (int n = 0; n < 256; n++) {
        uint64_t crc = (uint64_t)n;
        for (int k = 0; k < 8; k++) crc = crc & 1 ? (crc >> 1) ^ reflected : crc >> 1;
        table[n] = crc;
    }
    for (int n = 0; n < 256; n++) {
        for (int k = 1; k < 8; k++) table[k * 256 + n] = (table[(k - 1) * 256 + n] >> 8) ^ table[table[(k - 1) * 256 + n] & 0xFF];
    }
}

/// A reflected CRC (the register as the caller keeps it: inverted in, inverted out is the caller's) over `length`
/// bytes, eight at a time with a `pail_crc64_table` table; CRC-32C's software path uses it with a 32-bit table.
static inline uint64_t pail_crc64_update(uint64_t crc, const void *bytes, size_t length, const uint64_t *table) {
    const unsigned char *p = (const unsigned char *)bytes;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        word ^= crc;
        crc = table[7 * 256 + (word & 0xFF)] ^ table[6 * 256 + ((word >> 8) & 0xFF)]
            ^ table[5 * 256 + ((word >> 16) & 0xFF)] ^ table[4 * 256 + ((word >> 24) & 0xFF)]
            ^ table[3 * 256 + ((word >> 32) & 0xFF)] ^ table[2 * 256 + ((word >> 40) & 0xFF)]
            ^ table[1 * 256 + ((word >> 48) & 0xFF)] ^ table[(word >> 56) & 0xFF];
        p += 8;
        length -= 8;
    }
    while (length--) crc = table[(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return crc;
}

/// Whether this CPU has SSE4.2's CRC-32C instruction.
static inline int pail_has_crc32c_instruction(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("sse4.2");
#else
    return 0;
#endif
}

#if defined(__x86_64__)
/// CRC-32C with SSE4.2's `crc32` instruction (8 bytes a step); the register is the caller's (not inverted here).
__attribute__((target("sse4.2")))
static inline uint32_t pail_crc32c_instruction(uint32_t crc, const void *bytes, size_t length) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t wide = crc;
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        wide = __builtin_ia32_crc32di(wide, word);
        p += 8;
        length -= 8;
    }
    uint32_t narrow = (uint32_t)wide;
    while (length--) narrow = __builtin_ia32_crc32qi(narrow, *p++);
    return narrow;
}
#else
static inline uint32_t pail_crc32c_instruction(uint32_t crc, const void *bytes, size_t length) {
    (void)bytes;
    (void)length;
    return crc;
}
#endif

#endif
