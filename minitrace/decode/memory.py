"""Decoders of the memory family: mmap, munmap, mprotect, madvise, mremap, brk, msync, mlock, mincore, membarrier."""
from minitrace.decode import register  # noqa: F401
