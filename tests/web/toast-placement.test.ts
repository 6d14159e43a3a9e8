import { describe, expect, it } from 'vitest';
import { boxAt, clearestPlacement } from '../../web/src/lib/toast-placement.ts';

describe('where messages go', () => {
  const size = { width: 300, height: 60 };
  const window = { width: 1280, height: 800 };
  /** A button in the box a placement would take. */
  const under = (placement: Parameters<typeof boxAt>[0]) => {
    const box = boxAt(placement, size, window);
    return { left: box.left + 10, right: box.left + 60, top: box.top + 10, bottom: box.top + 40 };
  };

  it('start at the bottom left, clear of the actions pages keep on the right', () => {
    expect(boxAt('bottom-left', size, window)).toEqual({ left: 16, right: 316, top: 724, bottom: 784 });
    expect(clearestPlacement(size, window, [under('bottom-right')])).toBe('bottom-left');
  });

  it('move to a free corner when a control is under them', () => {
    expect(clearestPlacement(size, window, [under('bottom-left')])).toBe('bottom-right');
    expect(clearestPlacement(size, window, [under('bottom-left'), under('bottom-right')])).toBe('top-right');
  });

  it('stay where they are when no corner is better, so they do not jump about', () => {
    const everywhere = (['bottom-left', 'bottom-right', 'top-right', 'top-left'] as const).map(under);
    expect(clearestPlacement(size, window, everywhere, 'top-left')).toBe('top-left');
  });
});
