/** Saving a document as a file: a download of its text, named after its title. */

/** A file name from a document's title: lower case, words joined by dashes, never empty. */
export function fileNameFor(title: string, extension: 'tars' | 'trsx' | 'md' | 'txt'): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    // The cut may fall just after a dash.
    .replace(/-+$/, '');
  return `${stem === '' ? 'metascript' : stem}.${extension}`;
}

/** Starts a download of the text as a file. */
export function downloadText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once the click has been handled.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
