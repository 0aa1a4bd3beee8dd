/** `sh('2024-05-01 08:00')`: that wall-clock time in Asia/Shanghai, whatever TZ the tests run in. */
export function sh(wallClock: string): Date {
  const iso = wallClock.replace(' ', 'T');
  const withSeconds = iso.length === 16 ? `${iso}:00` : iso;
  return new Date(`${withSeconds}+08:00`);
}

export const minutes = (n: number): number => n * 60_000;
