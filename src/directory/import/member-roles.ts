import type { Role } from '../../generated/prisma/client';
import { LIST_SEPARATORS, splitList } from './split-list';

/** Roles a household member can have, in English or in the words village lists use. */
const MEMBER_ROLES: Record<string, Role> = {
  resident: 'RESIDENT',
  居民: 'RESIDENT',
  elder: 'ELDER',
  老人: 'ELDER',
  老年人: 'ELDER',
  family_contact: 'FAMILY_CONTACT',
  家属: 'FAMILY_CONTACT',
  紧急联系人: 'FAMILY_CONTACT',
};

const NAME_MAX = 64;

export interface MemberProblem {
  value: string;
  reason: string;
}

/** `张三:elder;李四:居民`; a member without a role is a resident. */
export function parseMembers(value: string): {
  members: { name: string; roles: Role[] }[];
  problems: MemberProblem[];
} {
  const members: { name: string; roles: Role[] }[] = [];
  const problems: MemberProblem[] = [];
  const seen = new Set<string>();
  for (const entry of splitList(value, LIST_SEPARATORS)) {
    const [rawName = '', rawRole, ...rest] = entry.split(/[:：]/).map((part) => part.trim());
    const roleWord = (rawRole || 'resident').toLowerCase().replace(/-/g, '_');
    const role = MEMBER_ROLES[roleWord];
    if (rest.length > 0) {
      problems.push({ value: entry, reason: 'write each member as name:role' });
    } else if (rawName === '') {
      problems.push({ value: entry, reason: 'member has no name' });
    } else if (rawName.length > NAME_MAX) {
      problems.push({ value: entry, reason: `name longer than ${NAME_MAX} characters` });
    } else if (role === undefined) {
      problems.push({
        value: entry,
        reason: `unknown role "${rawRole}"; use one of ${Object.keys(MEMBER_ROLES).join(', ')}`,
      });
    } else if (seen.has(rawName)) {
      // Re-imports match members by name, so a name must be unique within its household.
      problems.push({ value: entry, reason: `${rawName} is listed twice in this household` });
    } else {
      seen.add(rawName);
      members.push({ name: rawName, roles: [role] });
    }
  }
  return { members, problems };
}
