/** A simulated town (镇) as plain data: JSON-serialisable, the same for the same seed. */
export interface Population {
  readonly seed: string;
  readonly town: { readonly name: string; readonly code: string; readonly centre: Coordinates | null };
  readonly villages: readonly Village[];
  readonly households: readonly Household[];
  readonly elders: readonly Elder[];
}

export interface Coordinates {
  readonly latitude: number;
  readonly longitude: number;
}

export interface Village {
  readonly name: string;
  readonly code: string;
  readonly centre: Coordinates | null;
  /** Village committee members: 党支部书记, 村委会主任, ... */
  readonly cadres: readonly StaffMember[];
  readonly grids: readonly Grid[];
}

export interface Grid {
  readonly name: string;
  readonly code: string;
  /** The grid worker (网格员) who serves it. */
  readonly worker: StaffMember;
  readonly householdCount: number;
}

export interface StaffMember {
  readonly name: string;
  readonly title: string;
  /** E.164, from the reserved test range. */
  readonly phone: string;
}

/** Roles as linli's import reads them (lower-case Role names of the data model). */
type MemberRole = 'resident' | 'elder';

export interface HouseholdMember {
  readonly name: string;
  readonly role: MemberRole;
  /** Relation to the head of household: 户主, 配偶, 子女, 父母, 孙子女. */
  readonly relation: string;
  readonly sex: 'male' | 'female';
  readonly birthYear: number;
}

export interface Household {
  readonly village: string;
  readonly villageCode: string;
  readonly grid: string;
  readonly gridCode: string;
  /** The village's own reference for the household, unique within the village. */
  readonly ref: string;
  /** As villagers write it: 东巷12号, 村委会东侧. */
  readonly address: string;
  readonly coordinates: Coordinates | null;
  /** E.164 numbers in the order to try them. */
  readonly phones: readonly string[];
  readonly members: readonly HouseholdMember[];
  /** 独居老人, 空巢老人, 低保户, 残疾人 */
  readonly tags: readonly string[];
}

/** An elder (65 or older) with the GSM "love card" phone they call SOS from, and family to alert. */
export interface Elder {
  readonly name: string;
  readonly village: string;
  readonly grid: string;
  readonly householdRef: string;
  readonly birthYear: number;
  readonly livesAlone: boolean;
  readonly cardPhone: string;
  readonly contacts: readonly FamilyContact[];
}

export interface FamilyContact {
  readonly name: string;
  /** The contact's relation to the elder: 儿子, 女儿, ... */
  readonly relation: string;
  readonly phone: string;
}
