/**
 * Where the layout's messages go: the corner of the window where they cover no control (a link, a
 * button, a field), or the fewest. A message over the next row's Close button is in the way for as long
 * as it shows.
 */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export type Placement = 'bottom-left' | 'bottom-right' | 'top-right' | 'top-left';

/** In order of preference: bottom left first, away from the actions most pages keep on the right. */
export const PLACEMENTS: readonly Placement[] = ['bottom-left', 'bottom-right', 'top-right', 'top-left'];

/** The gap between the messages and the window's edge, in CSS pixels (1rem). */
export const EDGE = 16;

/** Whether two on-screen boxes overlap; touching edges do not. */
export function covers(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The box the messages take at a placement, in a window of the given size. */
export function boxAt(
  placement: Placement,
  size: { width: number; height: number },
  window: { width: number; height: number },
): Box {
  const left = placement.endsWith('left') ? EDGE : window.width - EDGE - size.width;
  const top = placement.startsWith('top') ? EDGE : window.height - EDGE - size.height;
  return { left, top, right: left + size.width, bottom: top + size.height };
}

/**
 * The placement covering the fewest controls; the current one wins a tie, so messages do not jump
 * about while nothing changed under them.
 */
export function clearestPlacement(
  size: { width: number; height: number },
  window: { width: number; height: number },
  controls: readonly Box[],
  current: Placement = PLACEMENTS[0]!,
): Placement {
  let best = current;
  let fewest = Number.POSITIVE_INFINITY;
  for (const placement of [current, ...PLACEMENTS.filter((other) => other !== current)]) {
    const box = boxAt(placement, size, window);
    const covered = controls.filter((control) => covers(box, control)).length;
    if (covered < fewest) {
      best = placement;
      fewest = covered;
    }
    if (covered === 0) break;
  }
  return best;
}
