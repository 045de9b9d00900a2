// Guarded read-only mappings: see include/guarded_map.h.
#define _GNU_SOURCE
#include "guarded_map.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// A fixed table, so the signal handler reads it without locks or allocation. A load maps one
// file at a time and the Latent workspace a few arrays: 256 slots are far more than we use.
#define SLOT_COUNT 256

typedef struct {
    atomic_int claimed;       // taken by a mapping (set before, cleared after, the fields below)
    _Atomic uintptr_t start;  // 0 while not registered: the handler matches on it
    _Atomic size_t length;    // page-rounded
    atomic_int truncated;
} Slot;

static Slot slots[SLOT_COUNT];
static atomic_long absorbed_faults;
static struct sigaction previous;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static int install_error;

static void on_sigbus(int signal_number, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    uintptr_t page_size = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int index = 0; index < SLOT_COUNT; index++) {
        uintptr_t start = atomic_load(&slots[index].start);
        size_t length = atomic_load(&slots[index].length);
        if (start == 0 || address < start || address >= start + length) continue;
        uintptr_t page = address & ~(page_size - 1);
        // Zero pages over the rest of the mapping: every later read past the new end sees zeros
        // instead of faulting again. mmap is a plain system call, safe in a handler on Linux.
        void *zeros = mmap((void *)page, start + length - page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (zeros == MAP_FAILED) break;
        atomic_store(&slots[index].truncated, 1);
        atomic_fetch_add(&absorbed_faults, 1);
        return;
    }
    // Not ours: what would have happened without us.
    if (previous.sa_flags & SA_SIGINFO) {
        previous.sa_sigaction(signal_number, info, context);
    } else if (previous.sa_handler == SIG_DFL || previous.sa_handler == SIG_IGN) {
        // Returning re-runs the faulting read, which now gets the default action (termination).
        signal(signal_number, SIG_DFL);
    } else {
        previous.sa_handler(signal_number);
    }
}

static void install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGBUS, &action, &previous) != 0) install_error = errno;
}

void *hafs_guarded_map(int fd, size_t length, int *slot) {
    pthread_once(&installed, install);
    if (install_error != 0) {
        errno = install_error;
        return NULL;
    }
    if (length == 0) {
        errno = EINVAL;
        return NULL;
    }
    size_t page_size = (size_t)sysconf(_SC_PAGESIZE);
    size_t rounded = (length + page_size - 1) & ~(page_size - 1);
    void *base = mmap(NULL, rounded, PROT_READ, MAP_PRIVATE, fd, 0);
    if (base == MAP_FAILED) return NULL;
    for (int index = 0; index < SLOT_COUNT; index++) {
        int expected = 0;
        if (!atomic_compare_exchange_strong(&slots[index].claimed, &expected, 1)) continue;
        atomic_store(&slots[index].length, rounded);
        atomic_store(&slots[index].truncated, 0);
        atomic_store(&slots[index].start, (uintptr_t)base);  // registered from here on
        *slot = index;
        return base;
    }
    munmap(base, rounded);
    errno = EMFILE;
    return NULL;
}

int hafs_guarded_map_truncated(int slot) {
    if (slot < 0 || slot >= SLOT_COUNT) return 0;
    return atomic_load(&slots[slot].truncated);
}

void hafs_guarded_unmap(int slot) {
    if (slot < 0 || slot >= SLOT_COUNT) return;
    uintptr_t start = atomic_load(&slots[slot].start);
    size_t length = atomic_load(&slots[slot].length);
    if (start == 0) return;
    // Unregister first: once unmapped, the range may be reused by another mapping.
    atomic_store(&slots[slot].start, 0);
    munmap((void *)start, length);
    atomic_store(&slots[slot].claimed, 0);
}

long hafs_guarded_map_absorbed_faults(void) { return atomic_load(&absorbed_faults); }
