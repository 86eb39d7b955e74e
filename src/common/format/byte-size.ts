import type { Lang } from '../http/lang';
import { vnNumberText } from '../vn-number';

/** A file's size as the reader writes it: "245 KB", "1,4 MB", "1.000 KB" (in English "1.4 MB"). */
export function sizeText(bytes: number | null, l: Lang = 'vi'): string {
  if (bytes === null) return '';
  if (bytes >= 1_048_576) return `${vnNumberText(Math.round(bytes / 104_857.6) / 10, l)} MB`;
  return `${vnNumberText(Math.max(1, Math.round(bytes / 1024)), l)} KB`;
}
