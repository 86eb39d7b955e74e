/** A file's size as Vietnamese write it: "245 KB", "1,4 MB". */
export function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1_048_576) return `${(bytes / 1_048_576).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
