import type { FileToImport } from '../../worker/protocol';

/** Files picked through an <input type=file>, with their path inside a chosen folder where there is one. */
export function filesFromInput(list: FileList | null): FileToImport[] {
  return [...(list ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: FileToImport[]): Promise<void> {
  if (entry.isFile) {
    const file = await entryFile(entry as FileSystemFileEntry);
    out.push({ path: entry.fullPath.replace(/^\/+/, ''), file });
  } else if (entry.isDirectory) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries answers in batches (100 in Chromium) until it returns an empty one.
    for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
      for (const child of batch) await walk(child, out);
    }
  }
}

/**
 * Every file in a drop, folders walked recursively, paths relative to the drop (so that
 * `prod-eu-1/kube-apiserver/audit.log` names its cluster). The entries must be taken while the
 * drop event is being handled: the DataTransfer is emptied afterwards.
 */
export function filesFromDrop(transfer: DataTransfer): Promise<FileToImport[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  if (entries.length === 0) return Promise.resolve(filesFromInput(transfer.files));
  return (async () => {
    const out: FileToImport[] = [];
    for (const entry of entries) await walk(entry, out);
    out.sort((a, b) => a.path.localeCompare(b.path));
    return out;
  })();
}
