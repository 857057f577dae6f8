/** A system error's reason without its code and call (`EACCES: permission denied, open 'x'` → `permission denied`). */
export function systemReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? err.message.replace(/^[A-Z]+: /, '').split(',')[0]! : err.message;
}
