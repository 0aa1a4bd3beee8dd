import type { PstnCallRecord } from '../../simulators/pstn/pstn-call-log';
import { occupancy, type Occupancy } from './channel-occupancy';
import type { TrunkChannelFigures } from './trunk-channel-watch';

/** What one method did with the trunk, measured the same way for linli and for the call files. */
export interface MethodFigures {
  elapsedSeconds: number;
  confirmed: number;
  /** When each confirmation came, in seconds from the start, earliest first. */
  confirmedAfterSeconds: number[];
  carrier: Occupancy;
  asterisk: TrunkChannelFigures;
  /** The shortest the run could have been: its channel-seconds spread over every channel. */
  boundSeconds: number;
  boundRatio: number;
  utilisation: number;
  /** Over the run's own length: a run that gives up on households early is not charged for them. */
  confirmationsPerMinute: number;
  /** Households confirmed within the cadre's hour, and so per minute of that hour: the same window for every method. */
  confirmedInHour: number;
  hourConfirmationsPerMinute: number;
}

/** Figures of a run from `from` (its start) to `to` (its last household settled). */
export function methodFigures(run: {
  channels: number;
  from: number;
  to: number;
  /** Epoch ms of each household's confirmation. */
  confirmedAt: readonly number[];
  calls: readonly PstnCallRecord[];
  asterisk: TrunkChannelFigures;
  /** The cadre's hour at the bench's scale, from the run's start. */
  hourSeconds: number;
}): MethodFigures {
  const carried = run.calls.map((c) => ({
    startMs: c.receivedAt.getTime(),
    endMs: (c.endedAt ?? c.receivedAt).getTime(),
  }));
  const carrier = occupancy(carried, run.channels, run.from, run.to);
  const elapsedSeconds = (run.to - run.from) / 1000;
  const boundSeconds = carrier.channelSeconds / run.channels;
  const confirmedAfterSeconds = run.confirmedAt.map((at) => (at - run.from) / 1000).sort((a, b) => a - b);
  const confirmedInHour = confirmedAfterSeconds.filter((s) => s <= run.hourSeconds).length;
  return {
    elapsedSeconds,
    confirmed: run.confirmedAt.length,
    confirmedAfterSeconds,
    carrier,
    asterisk: run.asterisk,
    boundSeconds,
    boundRatio: elapsedSeconds / boundSeconds,
    utilisation: carrier.channelSeconds / (run.channels * elapsedSeconds),
    confirmationsPerMinute: run.confirmedAt.length / (elapsedSeconds / 60),
    confirmedInHour,
    hourConfirmationsPerMinute: confirmedInHour / (run.hourSeconds / 60),
  };
}
