// Arrow-key movement inside one composite widget (WAI-ARIA tabs and radio group patterns): one
// item is in the Tab order, arrows (and Home/End) move to the previous/next item, wrap around,
// focus it and select it (selection follows focus in both patterns).
import { nextTick } from 'vue';

const NEXT = new Set(['ArrowRight', 'ArrowDown']);
const PREV = new Set(['ArrowLeft', 'ArrowUp']);

/**
 * Returns a keydown handler for the widget's container. `ids` are the items in order, `current`
 * the selected one, `select` chooses one, and `focusSelector(id)` finds its element to focus.
 */
export function rovingKeydown<T extends string>(ids: () => readonly T[], current: () => T, select: (id: T) => void, focusSelector: (id: T) => string) {
  return (e: KeyboardEvent): void => {
    const list = ids();
    const i = list.indexOf(current());
    let next: number;
    if (NEXT.has(e.key)) next = (i + 1) % list.length;
    else if (PREV.has(e.key)) next = (i - 1 + list.length) % list.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else return;
    e.preventDefault();
    const id = list[next];
    select(id);
    const root = e.currentTarget as HTMLElement;
    void nextTick(() => root.querySelector<HTMLElement>(focusSelector(id))?.focus());
  };
}
