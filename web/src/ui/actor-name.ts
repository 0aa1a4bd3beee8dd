/**
 * Who did something, as the audit writes it, for people: `token:<id>:<name>` is the token's name,
 * `bootstrap-admin` the administrator; anything else (a person's or caller's id) as it is.
 */
export function actorName(actor: string, administrator: string): string {
  if (actor === 'bootstrap-admin') return administrator;
  return /^token:[^:]+:(.+)$/.exec(actor)?.[1] ?? actor;
}
