import type { DemoContext } from './demo-context';
import { campaignScene } from './campaign-scene';
import { hotlineScene } from './hotline-scene';
import { singleCallScene } from './single-call-scene';
import { sosScene } from './sos-scene';
import { broadcastScene } from './broadcast-scene';

export const demoScenes: ((ctx: DemoContext) => Promise<void>)[] = [
  singleCallScene,
  campaignScene,
  sosScene,
  hotlineScene,
  broadcastScene,
];
