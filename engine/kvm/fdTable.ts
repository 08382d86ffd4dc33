/**
 * A process's open files, so ioctls that take file descriptors (binding a guest_memfd
 * to a memslot) fail exactly as Linux does for a bad fd (EBADF) or the wrong kind of
 * file (EINVAL).
 */
export interface OpenFile {
  readonly kind: string;
}

export class FdTable {
  private readonly files = new Map<number, OpenFile>();
  private next = 3;

  install(file: OpenFile): number {
    const fd = this.next++;
    this.files.set(fd, file);
    return fd;
  }

  get(fd: number): OpenFile | undefined {
    return this.files.get(fd);
  }

  close(fd: number): OpenFile | undefined {
    const f = this.files.get(fd);
    this.files.delete(fd);
    return f;
  }

  entries(): [number, OpenFile][] {
    return [...this.files.entries()];
  }
}
