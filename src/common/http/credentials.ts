import type { Request } from 'express';

function cookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * Whether a request carries a session token that verifies (signature, issuer, expiry), from the
 * Authorization header or the pages' cookie: no database, so it can be asked before the body is
 * read. A CSRF token is signed with the same key but has an audience, and is no session.
 */
export function carriesSession(cookieName: string, verify: (token: string) => unknown): (req: Request) => boolean {
  return (req) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? cookie(req.headers.cookie, cookieName);
    if (!token || token.length > 4096) return false;
    try {
      const claims = verify(token) as { aud?: unknown; sub?: unknown } | null;
      return typeof claims === 'object' && claims !== null && claims.aud === undefined && typeof claims.sub === 'string';
    } catch {
      return false;
    }
  };
}
